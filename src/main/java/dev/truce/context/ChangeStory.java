package dev.truce.context;

import java.util.List;

/**
 * Why each side changed the file: commit messages (subjects are enough) and, for a pull request, its title and
 * description. All of it is untrusted text from the repository; the prompt presents it as data.
 *
 * @param ours    messages of the commits on our side, most relevant first
 * @param theirs  messages of the commits on their side, most relevant first
 * @param prTitle the pull request's title, or {@code null}
 * @param prBody  the pull request's description, or {@code null}
 */
public record ChangeStory(List<String> ours, List<String> theirs, String prTitle, String prBody) {

    /** Nothing is known about why the sides changed. */
    public static final ChangeStory NONE = new ChangeStory(List.of(), List.of(), null, null);

    public ChangeStory {
        ours = ours == null ? List.of() : ours.stream().filter(m -> m != null && !m.isBlank()).toList();
        theirs = theirs == null ? List.of() : theirs.stream().filter(m -> m != null && !m.isBlank()).toList();
    }

    /** A story of one subject per side (as the corpus carries them); {@code null} subjects are left out. */
    public static ChangeStory ofSubjects(String oursSubject, String theirsSubject) {
        return new ChangeStory(oursSubject == null ? List.of() : List.of(oursSubject),
                theirsSubject == null ? List.of() : List.of(theirsSubject), null, null);
    }

    /** Whether anything is known. */
    public boolean isEmpty() {
        return ours.isEmpty() && theirs.isEmpty() && prTitle == null && prBody == null;
    }
}
