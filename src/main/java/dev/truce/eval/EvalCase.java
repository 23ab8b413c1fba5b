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
 * @param repo      the repository the merge is from ({@code owner/name}, or a local path), or {@code null} when not
 *                  known
 * @param mergeTime when the merge was committed, seconds since the epoch; 0 when not known
 */
public record EvalCase(String id, FileVersions versions, ConflictKind kind, String language, String human,
        String oursSubject, String theirsSubject, String repo, long mergeTime) {

    /** A case without commit subjects. */
    public EvalCase(String id, FileVersions versions, ConflictKind kind, String language, String human) {
        this(id, versions, kind, language, human, null, null);
    }

    /** A case with no repository or time. */
    public EvalCase(String id, FileVersions versions, ConflictKind kind, String language, String human,
            String oursSubject, String theirsSubject) {
        this(id, versions, kind, language, human, oursSubject, theirsSubject, null, 0);
    }

    /** Why each side changed, as far as the case knows: its parents' subjects. */
    public dev.truce.context.ChangeStory story() {
        return dev.truce.context.ChangeStory.ofSubjects(oursSubject, theirsSubject);
    }

    /** The repository, or what the id says before its merge part ({@code owner/name/merge/path}). */
    public String repository() {
        if (repo != null) {
            return repo;
        }
        String[] parts = id.split("/", 4);
        return parts.length == 4 ? parts[0] + "/" + parts[1] : "";
    }

    /** The merge this case is from: the id up to its path ({@code owner/name/merge12}), or the id. */
    public String merge() {
        String path = versions.path();
        return id.endsWith("/" + path) ? id.substring(0, id.length() - path.length() - 1) : id;
    }
}
