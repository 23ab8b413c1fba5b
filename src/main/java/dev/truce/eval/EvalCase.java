package dev.truce.eval;

import dev.truce.conflict.ConflictKind;
import dev.truce.conflict.FileVersions;

/**
 * One conflicted file of a real merge with the text the human committed.
 *
 * @param id       unique id, for example {@code owner/name/merge12/path}
 * @param versions base, ours and theirs of the file
 * @param kind     the kind of conflict
 * @param language report label of the file's language
 * @param human    what the human committed for the path, or {@code null} if the merge deleted it
 * @param oursSubject   first line of our parent's commit message, or {@code null} when not known
 * @param theirsSubject first line of their parent's commit message, or {@code null} when not known
 */
public record EvalCase(String id, FileVersions versions, ConflictKind kind, String language, String human,
        String oursSubject, String theirsSubject) {

    /** A case without commit subjects. */
    public EvalCase(String id, FileVersions versions, ConflictKind kind, String language, String human) {
        this(id, versions, kind, language, human, null, null);
    }

    /** Why each side changed, as far as the case knows: its parents' subjects. */
    public dev.truce.context.ChangeStory story() {
        return dev.truce.context.ChangeStory.ofSubjects(oursSubject, theirsSubject);
    }
}
