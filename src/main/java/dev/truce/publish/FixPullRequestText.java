package dev.truce.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.LineEndings;
import dev.truce.engine.BuildReport;
import dev.truce.engine.BuildValidation;
import dev.truce.engine.OutsideEdit;
import dev.truce.engine.ResolvedMerge;
import dev.truce.github.PullRequestInfo;
import dev.truce.merge.PathConflict;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.validate.BuildResult;

/**
 * The Markdown Truce writes on GitHub: the fix pull request's title and body, and its comments. Every comment
 * ends with a hidden marker naming what it is about, so it can be recognised later.
 *
 * <p>Paths, branch names, reasons and a model's rationale are untrusted: each goes through {@link Markdown} (code
 * spans, escaped prose without mentions or links, fences no line can close) and, in a command, through
 * {@link Shell}.
 */
public final class FixPullRequestText {

    /** GitHub rejects comment bodies above 65,536 characters; patches are cut well before. */
    static final int MAX_PATCH_CHARS = 50_000;

    /** New code shown per hunk in a table's note; the fix branch has all of it. */
    static final int MAX_NEW_CODE_CHARS = 4_000;

    /** The end of a failing build's log shown in a comment; the full log stays with the operator. */
    static final int MAX_LOG_LINES = 40;
    static final int MAX_LOG_CHARS = 6_000;

    /** How ModelStage ends a resolved hunk's reason: kept when a long rationale is cut. */
    private static final Pattern CONFIDENCE = Pattern.compile("(?s)(.*) \\(confidence (high|medium|low)\\)");

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
        return body(pr, resolved, key, List.of());
    }

    /**
     * The fix pull request's body, also saying where the repository's calibration changed a decision
     * ({@code calibration}: one line each, as {@code dev.truce.history.Calibration#chain} reports them).
     */
    public static String body(PullRequestInfo pr, ResolvedMerge resolved, String key, List<String> calibration) {
        StringBuilder text = new StringBuilder();
        text.append("Truce merged ").append(Markdown.code(pr.baseRef())).append(" (")
                .append(shortSha(resolved.merge().theirs().name())).append(") into #").append(pr.number())
                .append("'s branch ").append(Markdown.code(pr.headRef())).append(" (")
                .append(shortSha(resolved.merge().ours().name())).append(") and resolved ")
                .append(resolved.resolvedHunks()).append(" conflicting hunk(s) in ")
                .append(resolved.merge().conflicts().size()).append(" file(s).\n\n");
        text.append(table(resolved, pr)).append(newCodeNote(resolved));
        List<ResolvedMerge.NeedsHuman> declined = resolved.needsHuman();
        if (!declined.isEmpty()) {
            text.append("\n**Declined** (left to a human):\n\n").append(declinedList(named(declined, pr)));
        }
        text.append(calibrationNote(calibration));
        text.append(outsideEdits(resolved)).append(validation(resolved.build()));
        text.append("\nThis is a merge commit with two parents (the head of #").append(pr.number())
                .append(" first, ").append(Markdown.code(pr.baseRef())).append(" second): both histories are kept"
                        + " and nothing is rewritten. Merging this pull request into ")
                .append(Markdown.code(pr.headRef())).append(" resolves the conflict of #").append(pr.number())
                .append(". Please review each hunk: a resolution can be wrong even when CI passes.\n\n")
                .append(marker(key)).append("\n");
        return text.toString();
    }

    /** The {@link CheckRuns#NAME} check run's summary while Truce works. */
    public static String checkInProgress(PullRequestInfo pr) {
        return "Truce is resolving the conflicts of merging " + Markdown.code(pr.baseRef()) + " into "
                + Markdown.code(pr.headRef()) + ": strategies, then the model where the repository allows one, then"
                + " the checks and the build.";
    }

    /**
     * The {@link CheckRuns#NAME} check run's summary on the original pull request: what was resolved and by whom,
     * what was declined and why, how it was validated, and where the fix is ({@code fix}, or {@code null} when none
     * was opened: a comment says what to do instead).
     */
    public static String checkSummary(PullRequestInfo pr, ResolvedMerge resolved, PullRequestInfo fix) {
        return checkSummary(pr, resolved, fix, List.of());
    }

    /** The check run's summary, also saying where the repository's calibration changed a decision. */
    public static String checkSummary(PullRequestInfo pr, ResolvedMerge resolved, PullRequestInfo fix,
            List<String> calibration) {
        long hunks = 0;
        java.util.Map<String, Integer> by = new java.util.TreeMap<>();
        for (int i = 0; i < resolved.resolutions().size(); i++) {
            PathConflict conflict = resolved.merge().conflicts().get(i);
            for (ConflictHunk hunk : conflict.file().hasHunks() ? conflict.file().hunks() : List.<ConflictHunk>of()) {
                hunks++;
                HunkOutcome outcome = resolved.resolutions().get(i).outcomes().get(hunk.id());
                if (outcome.isResolved()) {
                    by.merge(outcome.strategy(), 1, Integer::sum);
                }
            }
        }
        StringBuilder text = new StringBuilder("Merging ").append(Markdown.code(pr.baseRef())).append(" into ")
                .append(Markdown.code(pr.headRef())).append(" conflicts in ")
                .append(resolved.merge().conflicts().size()).append(" file(s), ").append(hunks).append(" hunk(s).");
        if (fix != null) {
            text.append(" The fix is pull request #").append(fix.number())
                    .append(": review it and merge it into this branch.");
        }
        text.append("\n\n**Resolved**: ").append(resolved.resolvedHunks()).append(" hunk(s)");
        if (!by.isEmpty()) {
            List<String> parts = new ArrayList<>();
            by.forEach((strategy, count) -> parts.add(Markdown.code(strategy) + " " + count));
            text.append(" (").append(String.join(", ", parts)).append(")");
        }
        text.append(".\n");
        List<ResolvedMerge.NeedsHuman> declined = resolved.needsHuman();
        if (!declined.isEmpty()) {
            text.append("\n**Needs a human**: ").append(declined.size()).append(" part(s)")
                    .append(fix == null ? "; nothing was pushed" : "").append(":\n\n")
                    .append(declinedList(named(declined, pr)));
        }
        return text.append(calibrationNote(calibration)).append(validation(resolved.build())).toString();
    }

    /** Where the repository's calibration (its own earlier merges) changed a decision; empty for nowhere. */
    static String calibrationNote(List<String> calibration) {
        if (calibration.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n**Calibration** (learned from this repository's earlier merges)"
                + " changed a decision here:\n\n");
        for (String line : calibration) {
            text.append("- ").append(Markdown.text(line)).append("\n");
        }
        return text.toString();
    }

    /** Check names (untrusted: any App with checks permission names its own) as code spans. */
    public static String checkNames(List<String> names) {
        return String.join(", ", names.stream().map(Markdown::code).toList());
    }

    /** Where the rounds of repairs after CI failures begin in a fix pull request's body. */
    static final String ROUNDS = "**After the repository's checks**";

    /**
     * The fix pull request's body with one more round of repair after the repository's checks failed, listed in
     * order under {@link #ROUNDS}, above the body's hidden marker.
     */
    public static String withRound(String body, String round) {
        String text = body == null ? "" : body;
        int marker = text.lastIndexOf("<!-- truce:");
        String head = marker < 0 ? text : text.substring(0, marker);
        String tail = marker < 0 ? "" : text.substring(marker);
        if (!head.contains(ROUNDS)) {
            head = head.stripTrailing() + "\n\n" + ROUNDS + " (Truce repairs the hunks their errors point at):\n\n";
        } else {
            head = head.stripTrailing() + "\n";
        }
        return head + "- " + round + "\n\n" + tail;
    }

    /**
     * One round of repair after the repository's checks failed, for the fix pull request's body: which checks failed,
     * what their errors were in the resolved hunks, and what Truce did.
     *
     * @param round    1 for the first repair
     * @param failed   the names of the checks that failed
     * @param problems per file, per hunk id, the errors in it
     * @param outcome  what became of it ("pushed abc1234", or why not)
     */
    public static String round(int round, List<String> failed, java.util.Map<String, java.util.Map<Integer, String>>
            problems, String outcome) {
        StringBuilder text = new StringBuilder("Round ").append(round).append(": ")
                .append(String.join(", ", failed.stream().map(Markdown::code).toList())).append(" failed");
        List<String> where = new ArrayList<>();
        problems.forEach((path, hunks) -> hunks.forEach((hunk, errors) -> where.add(Markdown.code(path) + " hunk "
                + (hunk + 1) + " (" + Markdown.text(errors.lines().findFirst().orElse(""), 200) + ")")));
        if (!where.isEmpty()) {
            text.append(" in ").append(String.join("; ", where));
        }
        return text.append(". ").append(Markdown.text(outcome)).append('.').toString();
    }

    /** The comment on the original pull request pointing at the fix. */
    public static String linkComment(PullRequestInfo fix, ResolvedMerge resolved, String key) {
        return "Truce resolved the conflicts with the base branch: " + fix.htmlUrl() + " (" + resolved.resolvedHunks()
                + " hunk(s); review it and merge it into this branch).\n\n" + marker(key) + "\n";
    }

    /** One comment listing each hunk that needs a human, and what Truce could decide, if anything. */
    public static String needsHumanComment(PullRequestInfo pr, ResolvedMerge resolved, String key) {
        List<ResolvedMerge.NeedsHuman> declined = resolved.needsHuman();
        StringBuilder text = new StringBuilder("This pull request conflicts with ")
                .append(Markdown.code(pr.baseRef())).append(", and Truce cannot resolve all of it: ")
                .append(declined.size()).append(" part(s) need a human. Truce does not guess; here is each one:\n\n")
                .append(declinedList(named(declined, pr)));
        if (resolved.build().ran()) {
            text.append(validation(resolved.build()));
        }
        if (resolved.resolvedHunks() > 0) {
            text.append("\nTruce could decide ").append(resolved.resolvedHunks()).append(" other hunk(s); it opens no"
                    + " fix pull request for a partial merge, so conflict markers never land in a branch.\n");
        }
        text.append("\nTo resolve it: merge ").append(Markdown.code(pr.baseRef())).append(" into this branch, fix the"
                + " files above, commit and push.\n\n").append(marker(key)).append("\n");
        return text.toString();
    }

    /**
     * Why the resolution cannot be offered as commands to copy, or {@code null} when it can: a conflicted path or
     * the base branch's name that no quoting shows honestly (see {@link Shell#unsafe}).
     */
    public static String unsafeForShell(PullRequestInfo pr, ResolvedMerge resolved) {
        String ref = Shell.unsafe(pr.baseRef(), true);
        if (ref != null) {
            return "the base branch's name " + Markdown.code(pr.baseRef()) + " cannot be shown in a shell command: "
                    + ref;
        }
        for (PathConflict conflict : resolved.merge().conflicts()) {
            String path = Shell.unsafe(conflict.path(), false);
            if (path != null) {
                return "the file name " + Markdown.code(conflict.path()) + " cannot be shown in a shell command: "
                        + path;
            }
        }
        return null;
    }

    /**
     * The resolution as a patch, for a fork or a repository in comment mode; the commands quote every path and
     * ref. Only for a resolution {@link #unsafeForShell} accepts.
     *
     * @throws IllegalArgumentException when a path or ref cannot be shown in a command
     */
    public static String patchComment(PullRequestInfo pr, ResolvedMerge resolved, String patch, String why,
            String key) {
        String unsafe = unsafeForShell(pr, resolved);
        if (unsafe != null) {
            throw new IllegalArgumentException("no patch comment: " + unsafe);
        }
        String base = pr.baseRef();
        List<String> paths = new ArrayList<>();
        resolved.merge().conflicts().forEach(c -> paths.add(Shell.quote(c.path())));
        String commands = "git fetch origin " + Shell.quote(base) + "\n"
                + "git merge " + Shell.quote("origin/" + base) + "   # stops with the conflicts\n"
                + "git checkout HEAD -- " + String.join(" ", paths) + "\n"
                + "git apply --index truce.patch   # the patch below, against this branch's files\n"
                + "git commit --no-edit\n";
        StringBuilder text = new StringBuilder("Truce resolved the conflicts of this pull request with ")
                .append(Markdown.code(base)).append(" (").append(why).append(").\n\n").append(table(resolved, pr))
                .append(newCodeNote(resolved)).append(validation(resolved.build()))
                .append("\nTo apply it: save the patch below as `truce.patch`, then on this branch:\n\n")
                .append(Markdown.fenced("sh", commands)).append("\n");
        String fenced = patch;
        boolean cut = false;
        if (fenced.length() > MAX_PATCH_CHARS) {
            fenced = fenced.substring(0, MAX_PATCH_CHARS);
            fenced = fenced.substring(0, fenced.lastIndexOf('\n') + 1);
            cut = true;
        }
        text.append("<details><summary>truce.patch</summary>\n\n").append(Markdown.fenced("diff", fenced))
                .append("\n</details>\n");
        if (cut) {
            text.append("\n**The patch is too large for a comment and was cut** after ").append(MAX_PATCH_CHARS)
                    .append(" characters; resolve locally with ")
                    .append(Markdown.code("truce resolve --ours HEAD --theirs " + Shell.quote("origin/" + base)
                            + " --receiving theirs"))
                    .append(".\n");
        }
        return text.append("\n").append(marker(key)).append("\n").toString();
    }

    /**
     * Instead of a patch comment, when a path or ref cannot be shown in a command ({@link #unsafeForShell}): says
     * why, with the table, and shows no command and no patch.
     */
    public static String patchDeclinedComment(PullRequestInfo pr, ResolvedMerge resolved, String unsafe, String why,
            String key) {
        return "Truce resolved the conflicts of this pull request with " + Markdown.code(pr.baseRef()) + " (" + why
                + "), but posts no patch and no commands to apply it: " + unsafe + ". Rename the file (or the branch)"
                + " and Truce tries again, or resolve the conflict locally.\n\n" + table(resolved, pr) + "\n"
                + marker(key) + "\n";
    }

    /** Why a stale fix pull request is closed. */
    public static String staleNote(int number, String why) {
        return "Closing: " + why + " Truce opens a new fix for #" + number + " when there is a conflict to resolve.";
    }

    private static String table(ResolvedMerge resolved, PullRequestInfo pr) {
        StringBuilder text = new StringBuilder("| File | Hunk | Lines | Decision | Why |\n| --- | --- | --- | --- | --- |\n");
        for (int i = 0; i < resolved.resolutions().size(); i++) {
            PathConflict conflict = resolved.merge().conflicts().get(i);
            FileResolution resolution = resolved.resolutions().get(i);
            String path = Markdown.cellCode(conflict.path());
            if (resolved.ignored().contains(conflict.path())) {
                text.append("| ").append(path).append(" | – | whole file | declined | ignored by `.github/truce.yml` |\n");
            } else if (!conflict.file().hasHunks()) {
                text.append("| ").append(path).append(" | – | whole file | declined | ")
                        .append(Markdown.cell(conflict.file().unsupported())).append(" |\n");
            } else if (conflict.file().hunks().isEmpty()) {
                text.append("| ").append(path).append(" | – | whole file | merged | ")
                        .append(Markdown.cell(conflict.kind().label())).append(" merged cleanly |\n");
            }
            for (ConflictHunk hunk : conflict.file().hasHunks() ? conflict.file().hunks() : List.<ConflictHunk>of()) {
                HunkOutcome outcome = resolution.outcomes().get(hunk.id());
                int added = resolved.newCode(i, hunk).size();
                text.append("| ").append(path).append(" | ").append(hunk.id() + 1).append(" | ")
                        .append(ResolvedMerge.range(hunk.oursLine(), hunk.ours().size())).append(" | ")
                        .append(outcome.isResolved() ? Markdown.cellCode(outcome.strategy()) : "declined")
                        .append(added > 0 ? " **new code: " + added + " line(s)**" : "").append(" | ")
                        .append(why(outcome, pr)).append(" |\n");
            }
        }
        return text.toString();
    }

    /**
     * Under the table: each hunk whose model answer adds lines found in none of its three versions, with those
     * lines, so "confidence high" never hides code nobody wrote.
     */
    private static String newCodeNote(ResolvedMerge resolved) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < resolved.resolutions().size(); i++) {
            PathConflict conflict = resolved.merge().conflicts().get(i);
            for (ConflictHunk hunk : conflict.file().hasHunks() ? conflict.file().hunks() : List.<ConflictHunk>of()) {
                List<String> lines = resolved.newCode(i, hunk);
                if (lines.isEmpty()) {
                    continue;
                }
                String shown = String.join("\n", lines.stream().map(Markdown::reviewable).toList());
                boolean cut = shown.length() > MAX_NEW_CODE_CHARS;
                if (cut) {
                    shown = shown.substring(0, MAX_NEW_CODE_CHARS);
                }
                text.append("\n").append(Markdown.code(conflict.path())).append(" hunk ").append(hunk.id() + 1)
                        .append(" (").append(ResolvedMerge.range(hunk.oursLine(), hunk.ours().size()))
                        .append(" of the head): ").append(lines.size()).append(" line(s)")
                        .append(cut ? ", the first " + MAX_NEW_CODE_CHARS + " characters shown" : "").append(":\n\n")
                        .append(Markdown.fenced("", shown));
            }
        }
        return text.isEmpty() ? "" : "\n**New code** — lines the model wrote that are in none of the base, head and"
                + " base-branch versions of their hunk. Read them before merging, whatever the confidence:\n"
                + text;
    }

    /**
     * The reason for a table cell, escaped and capped; a model's rationale is cut before its confidence, which is
     * always kept.
     */
    private static String why(HunkOutcome outcome, PullRequestInfo pr) {
        String reason = outcome.reason() == null ? "" : outcome.reason();
        Matcher confidence = CONFIDENCE.matcher(reason);
        if (outcome.isResolved() && outcome.byModel() && confidence.matches()) {
            return Markdown.cell(confidence.group(1)) + " (confidence " + confidence.group(2) + ")";
        }
        return Markdown.cell(outcome.byModel() ? reason : named(reason, pr));
    }

    /**
     * How the resolution was checked: always the in-process checks; then each build round (commands, result,
     * duration, how isolated) and the end of a failing command's log, or why no build ran.
     */
    static String validation(BuildReport build) {
        StringBuilder text = new StringBuilder("\n**Validation**: every resolved file was checked for conflict markers,"
                + " syntax and imports.");
        if (!build.ran()) {
            return text.append(" No build ran: ").append(Markdown.text(build.notRun())).append(".\n").toString();
        }
        int repairs = build.rounds().size() - 1;
        text.append(" The merged tree was built ").append(build.rounds().size()).append(" time(s)")
                .append(repairs > 0 ? " (the first build, then after each of " + repairs + " repair round(s))" : "")
                .append(": ").append(build.passed() ? "**passed**" : "**failed**").append(".\n\n");
        int round = 0;
        for (BuildValidation validation : build.rounds()) {
            text.append("- ").append(round++ == 0 ? "First build" : "After repair round " + (round - 1)).append(", ")
                    .append(seconds(validation.took())).append(":\n");
            for (BuildResult run : validation.runs()) {
                text.append("  - ").append(Markdown.code(run.command().display())).append(' ').append(status(run))
                        .append(" in ").append(seconds(run.elapsed())).append("\n");
            }
        }
        text.append("\nHow the build ran: ").append(Markdown.text(build.last().isolation())).append(".\n");
        BuildResult failure = build.last().failure();
        if (failure != null) {
            List<String> lines = failure.output().lines().map(Markdown::reviewable).toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - MAX_LOG_LINES), lines.size());
            String shown = String.join("\n", tail);
            if (shown.length() > MAX_LOG_CHARS) {
                shown = "…" + shown.substring(shown.length() - MAX_LOG_CHARS);
            }
            text.append("\n<details><summary>The last ").append(tail.size()).append(" line(s) of ")
                    .append(Markdown.code(failure.command().display())).append("</summary>\n\n")
                    .append(Markdown.fenced("", shown))
                    .append("\n</details>\n");
        }
        return text.toString();
    }

    private static String status(BuildResult run) {
        switch (run.status()) {
            case PASSED:
                return "passed";
            case TIMED_OUT:
                return "was killed at its time limit";
            default:
                return "failed (exit code " + run.exitCode() + ")";
        }
    }

    private static String seconds(java.time.Duration took) {
        return took.toMillis() / 100 / 10.0 + " s";
    }

    /**
     * The changes the build asked for outside the conflicts, each with its error and its lines before and after:
     * no side's change covers them, so reviewers see them apart from the hunks.
     */
    static String outsideEdits(ResolvedMerge resolved) {
        if (resolved.outsideEdits().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n**Changed outside the conflicts** to make the build pass (lines no"
                + " side's change covers; read them):\n");
        for (OutsideEdit edit : resolved.outsideEdits()) {
            StringBuilder diff = new StringBuilder();
            edit.before().forEach(l -> diff.append("- ").append(Markdown.reviewable(LineEndings.content(l)))
                    .append('\n'));
            edit.after().forEach(l -> diff.append("+ ").append(Markdown.reviewable(LineEndings.content(l)))
                    .append('\n'));
            text.append("\n").append(Markdown.code(edit.path())).append(" line ").append(edit.line()).append(", by ")
                    .append(Markdown.code(edit.by())).append(": ").append(Markdown.text(edit.rationale()))
                    .append("\nBecause of: ").append(Markdown.text(edit.diagnostic(), 300)).append("\n\n")
                    .append(Markdown.fenced("diff", diff.toString()));
        }
        return text.toString();
    }

    /**
     * What a fix commit's message gets at its end beyond the hunks: each change made outside the conflicts, or
     * {@code null} when there is none.
     */
    public static String commitNote(ResolvedMerge resolved) {
        if (resolved.outsideEdits().isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("Changed outside the conflicts to make the build pass:\n");
        for (OutsideEdit edit : resolved.outsideEdits()) {
            text.append("  ").append(edit.path()).append(" line ").append(edit.line()).append(" (")
                    .append(edit.after().size()).append(" line(s) for ").append(edit.before().size())
                    .append("), by ").append(edit.by()).append(", because: ")
                    .append(edit.diagnostic().strip().replace('\n', ' ')).append('\n');
        }
        return text.toString();
    }

    /**
     * Strategies say "ours" and "theirs"; in the App those are the pull request's branch and the base branch. Not a
     * word of a file name or an identifier ({@code ours.txt}, {@code theirs-v2}).
     */
    private static final Pattern SIDE = Pattern.compile("\\b(ours|theirs)('s|')?(?!\\w|[.\\-/]\\w)");

    /**
     * A strategy's reason with the sides named as the pull request's readers know them: "(only theirs changed it)"
     * becomes "(only main changed it)". Model rationales are left as the model wrote them.
     */
    static String named(String reason, PullRequestInfo pr) {
        if (reason == null) {
            return null;
        }
        Matcher side = SIDE.matcher(reason);
        StringBuilder out = new StringBuilder();
        while (side.find()) {
            String branch = side.group(1).equals("ours") ? pr.headRef() : pr.baseRef();
            side.appendReplacement(out, Matcher.quoteReplacement(branch + (side.group(2) != null ? "'s" : "")));
        }
        return side.appendTail(out).toString();
    }

    private static List<ResolvedMerge.NeedsHuman> named(List<ResolvedMerge.NeedsHuman> declined, PullRequestInfo pr) {
        return declined.stream().map(d -> d.by() != null ? d : new ResolvedMerge.NeedsHuman(d.path(), d.hunk(), d.by(),
                named(d.reason(), pr), d.detail())).toList();
    }

    private static String declinedList(List<ResolvedMerge.NeedsHuman> declined) {
        StringBuilder text = new StringBuilder();
        for (ResolvedMerge.NeedsHuman d : declined) {
            text.append("- ").append(Markdown.code(d.path()))
                    .append(d.hunk() == null ? "" : " hunk " + (d.hunk().id() + 1))
                    .append(" (").append(d.where()).append("): ")
                    .append(d.by() == null ? "" : Markdown.code(d.by()) + " ").append(Markdown.text(d.reason()))
                    .append("\n");
        }
        return text.toString();
    }

    private static String shortSha(String sha) {
        return sha.substring(0, 7);
    }
}
