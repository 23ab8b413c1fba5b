package dev.truce.publish;

import java.util.List;

import dev.truce.conflict.ConflictHunk;
import dev.truce.github.PullRequestInfo;
import dev.truce.merge.PathConflict;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;

/**
 * The Markdown Truce writes on GitHub: the fix pull request's title and body, and its comments. Every comment
 * ends with a hidden marker naming what it is about, so it can be recognised later.
 */
public final class FixPullRequestText {

    /** GitHub rejects comment bodies above 65,536 characters; patches are cut well before. */
    static final int MAX_PATCH_CHARS = 50_000;

    private FixPullRequestText() {
    }

    /** {@code Resolve conflicts of #N with <base>}. */
    public static String title(PullRequestInfo pr) {
        return "Resolve conflicts of #" + pr.number() + " with " + pr.baseRef();
    }

    /** The hidden marker for a comment's key. */
    public static String marker(String key) {
        return "<!-- truce:" + key.replace("--", "- -") + " -->";
    }

    /** The fix pull request's body: what was merged, a table of every hunk, what was declined, how it is built. */
    public static String body(PullRequestInfo pr, ResolvedMerge resolved, String key) {
        StringBuilder text = new StringBuilder();
        text.append("Truce merged `").append(pr.baseRef()).append("` (").append(shortSha(resolved.merge().theirs().name()))
                .append(") into #").append(pr.number()).append("'s branch `").append(pr.headRef()).append("` (")
                .append(shortSha(resolved.merge().ours().name())).append(") and resolved ")
                .append(resolved.resolvedHunks()).append(" conflicting hunk(s) in ")
                .append(resolved.merge().conflicts().size()).append(" file(s).\n\n");
        text.append(table(resolved));
        List<ResolvedMerge.Declined> declined = resolved.needsHuman();
        if (!declined.isEmpty()) {
            text.append("\n**Declined** (left to a human):\n\n").append(declinedList(declined));
        }
        text.append("\nThis is a merge commit with two parents (the head of #").append(pr.number())
                .append(" first, `").append(pr.baseRef()).append("` second): both histories are kept and nothing is"
                        + " rewritten. Merging this pull request into `").append(pr.headRef())
                .append("` resolves the conflict of #").append(pr.number()).append(". Please review each hunk: a"
                        + " resolution can be wrong even when CI passes.\n\n").append(marker(key)).append("\n");
        return text.toString();
    }

    /** The comment on the original pull request pointing at the fix. */
    public static String linkComment(PullRequestInfo fix, ResolvedMerge resolved, String key) {
        return "Truce resolved the conflicts with the base branch: " + fix.htmlUrl() + " (" + resolved.resolvedHunks()
                + " hunk(s); review it and merge it into this branch).\n\n" + marker(key) + "\n";
    }

    /** One comment listing each hunk that needs a human, and what Truce could decide, if anything. */
    public static String needsHumanComment(PullRequestInfo pr, ResolvedMerge resolved, String key) {
        List<ResolvedMerge.Declined> declined = resolved.needsHuman();
        StringBuilder text = new StringBuilder("This pull request conflicts with `").append(pr.baseRef())
                .append("`, and Truce cannot resolve all of it: ").append(declined.size())
                .append(" part(s) need a human. Truce does not guess; here is each one:\n\n")
                .append(declinedList(declined));
        if (resolved.resolvedHunks() > 0) {
            text.append("\nTruce could decide ").append(resolved.resolvedHunks()).append(" other hunk(s); it opens no"
                    + " fix pull request for a partial merge, so conflict markers never land in a branch.\n");
        }
        text.append("\nTo resolve it: `git merge ").append(pr.baseRef()).append("` on this branch, fix the files"
                + " above, commit and push.\n\n").append(marker(key)).append("\n");
        return text.toString();
    }

    /** The resolution as a patch, for a fork or a repository in comment mode. */
    public static String patchComment(PullRequestInfo pr, ResolvedMerge resolved, String patch, String why,
            String key) {
        StringBuilder text = new StringBuilder("Truce resolved the conflicts of this pull request with `")
                .append(pr.baseRef()).append("` (").append(why).append(").\n\n").append(table(resolved))
                .append("\nTo apply it: save the patch below as `truce.patch`, then on this branch:\n\n```sh\n"
                        + "git fetch origin ").append(pr.baseRef())
                .append("\ngit merge origin/").append(pr.baseRef()).append("   # stops with the conflicts\n")
                .append("git checkout HEAD -- ").append(String.join(" ", resolved.merge().conflicts().stream()
                        .map(PathConflict::path).toList()))
                .append("\ngit apply --index truce.patch   # the patch below, against this branch's files\n")
                .append("git commit --no-edit\n```\n\n");
        String fenced = patch;
        boolean cut = false;
        if (fenced.length() > MAX_PATCH_CHARS) {
            fenced = fenced.substring(0, MAX_PATCH_CHARS);
            fenced = fenced.substring(0, fenced.lastIndexOf('\n') + 1);
            cut = true;
        }
        String fence = fenced.contains("```") ? "~~~~" : "```";
        text.append("<details><summary>truce.patch</summary>\n\n").append(fence).append("diff\n").append(fenced)
                .append(fence).append("\n\n</details>\n");
        if (cut) {
            text.append("\n**The patch is too large for a comment and was cut** after ").append(MAX_PATCH_CHARS)
                    .append(" characters; resolve locally with `truce resolve --ours HEAD --theirs origin/")
                    .append(pr.baseRef()).append(" --receiving theirs`.\n");
        }
        return text.append("\n").append(marker(key)).append("\n").toString();
    }

    /** Why a stale fix pull request is closed. */
    public static String staleNote(int number, String why) {
        return "Closing: " + why + " Truce opens a new fix for #" + number + " when there is a conflict to resolve.";
    }

    private static String table(ResolvedMerge resolved) {
        StringBuilder text = new StringBuilder("| File | Hunk | Lines | Decision | Why |\n| --- | --- | --- | --- | --- |\n");
        for (int i = 0; i < resolved.resolutions().size(); i++) {
            PathConflict conflict = resolved.merge().conflicts().get(i);
            FileResolution resolution = resolved.resolutions().get(i);
            String path = "`" + cell(conflict.path()) + "`";
            if (resolved.ignored().contains(conflict.path())) {
                text.append("| ").append(path).append(" | – | whole file | declined | ignored by `.github/truce.yml` |\n");
            } else if (!conflict.file().hasHunks()) {
                text.append("| ").append(path).append(" | – | whole file | declined | ")
                        .append(cell(conflict.file().unsupported())).append(" |\n");
            } else if (conflict.file().hunks().isEmpty()) {
                text.append("| ").append(path).append(" | – | whole file | merged | ")
                        .append(cell(conflict.kind().label())).append(" merged cleanly |\n");
            }
            for (ConflictHunk hunk : conflict.file().hasHunks() ? conflict.file().hunks() : List.<ConflictHunk>of()) {
                HunkOutcome outcome = resolution.outcomes().get(hunk.id());
                text.append("| ").append(path).append(" | ").append(hunk.id() + 1).append(" | ")
                        .append(ResolvedMerge.range(hunk.oursLine(), hunk.ours().size())).append(" | ")
                        .append(outcome.isResolved() ? "`" + outcome.strategy() + "`" : "declined").append(" | ")
                        .append(cell(outcome.reason())).append(" |\n");
            }
        }
        return text.toString();
    }

    private static String declinedList(List<ResolvedMerge.Declined> declined) {
        StringBuilder text = new StringBuilder();
        for (ResolvedMerge.Declined d : declined) {
            text.append("- `").append(d.path()).append("`").append(d.hunk() == null ? "" : " hunk " + (d.hunk().id() + 1))
                    .append(" (").append(d.where()).append("): ").append(d.reason()).append("\n");
        }
        return text.toString();
    }

    /** Table cells are one line and must not close the table. */
    private static String cell(String text) {
        return text == null ? "" : text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
    }

    private static String shortSha(String sha) {
        return sha.substring(0, 7);
    }
}
