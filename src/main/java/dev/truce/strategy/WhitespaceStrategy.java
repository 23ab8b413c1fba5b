package dev.truce.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileType;
import dev.truce.conflict.LineEndings;

/**
 * Conflicts where whitespace is all that one side brings, in two named strategies:
 * <ul>
 * <li>{@code whitespace}: ours and theirs say the same after ignoring indentation, trailing whitespace and line
 * endings: the side whose whitespace matches the file's conventions (its stable lines) is taken;</li>
 * <li>{@code whitespace-carry} (opt-in): one side only re-whitespaced the base and the other changed content: the
 * content is taken, and a uniform re-indentation (the same indentation added or removed on every line, as when code
 * is wrapped in a block) or a line-ending / trailing-whitespace clean-up is applied to it, so neither side's work is
 * lost. It is what {@code git merge -X renormalize} does for line endings; it is not in the default chain because
 * people often settle such conflicts by keeping one side whole (see docs/evaluation.md).</li>
 * </ul>
 * The re-indentation is applied only line for line (base, whitespace side and content side have the same number
 * of lines); otherwise, and for uneven whitespace changes, it passes. In files where indentation is meaning
 * (Python, YAML, Makefiles) it also passes unless the re-indentation applies exactly, and it never treats an
 * indentation difference between ours and theirs there as "only whitespace".
 */
public final class WhitespaceStrategy implements ResolutionStrategy {

    private final boolean carry;

    /** The {@code whitespace} strategy: both sides made the same change, with different whitespace. */
    public WhitespaceStrategy() {
        this(false);
    }

    private WhitespaceStrategy(boolean carry) {
        this.carry = carry;
    }

    /** The {@code whitespace-carry} strategy: one side changed only whitespace, carried over the other's change. */
    public static WhitespaceStrategy carry() {
        return new WhitespaceStrategy(true);
    }

    @Override
    public String name() {
        return carry ? "whitespace-carry" : "whitespace";
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        boolean sensitive = indentationSensitive(file);
        if (!carry) {
            return sameIgnoringWhitespace(hunk.ours(), hunk.theirs(), sensitive) ? pickByConvention(file, hunk)
                    : Verdict.notApplicable("ours and theirs differ in more than whitespace");
        }
        if (hunk.base().isEmpty()) {
            return Verdict.notApplicable("no base to tell a whitespace-only change from a content change");
        }
        boolean oursWhitespaceOnly = sameIgnoringWhitespace(hunk.base(), hunk.ours(), false);
        boolean theirsWhitespaceOnly = sameIgnoringWhitespace(hunk.base(), hunk.theirs(), false);
        if (oursWhitespaceOnly == theirsWhitespaceOnly) {
            return Verdict.notApplicable(oursWhitespaceOnly ? "both sides changed only whitespace, differently"
                    : "both sides changed content");
        }
        String whitespaceSide = oursWhitespaceOnly ? "ours" : "theirs";
        String contentSide = oursWhitespaceOnly ? "theirs" : "ours";
        List<String> whitespaceLines = oursWhitespaceOnly ? hunk.ours() : hunk.theirs();
        List<String> contentLines = oursWhitespaceOnly ? hunk.theirs() : hunk.ours();
        Reindent reindent = Reindent.between(hunk.base(), whitespaceLines);
        if (reindent == null) {
            return Verdict.declined(whitespaceSide + " changed whitespace unevenly (not one re-indentation of the"
                    + " whole region); carrying that over to " + contentSide + "'s change needs a human");
        }
        if (reindent.isNone()) {
            List<String> carried = carryLineWhitespace(hunk.base(), whitespaceLines, contentLines);
            return new Verdict.Resolved(carried, whitespaceSide + " changed only trailing whitespace or line endings;"
                    + " took " + contentSide + "'s content change with that whitespace change applied");
        }
        if (contentLines.size() != hunk.base().size()) {
            // A re-indentation of base lines says nothing about lines the other side added or removed (they may
            // be continuation lines aligned to something else, or a new statement at the old level).
            return Verdict.declined(whitespaceSide + " re-indented the region (" + reindent.describe() + ") but "
                    + contentSide + " changed its number of lines, so the re-indentation cannot be mapped line by"
                    + " line");
        }
        List<String> applied = reindent.applyTo(contentLines);
        if (applied == null) {
            return Verdict.declined(whitespaceSide + " re-indented the region (" + reindent.describe() + ") but "
                    + contentSide + "'s lines do not all carry the indentation to remove");
        }
        return new Verdict.Resolved(applied, whitespaceSide + " only re-indented the region (" + reindent.describe()
                + "); applied that to " + contentSide + "'s content change");
    }

    /**
     * Applies a line-level whitespace change (line endings converted, trailing whitespace removed) that the
     * whitespace side made uniformly to the content side's lines; anything less uniform is left as it is.
     */
    private static List<String> carryLineWhitespace(List<String> base, List<String> whitespace, List<String> content) {
        String terminator = uniformTerminator(whitespace);
        boolean endingsChanged = terminator != null && !terminator.isEmpty() && !terminator.equals(uniformTerminator(base));
        boolean trailingStripped = whitespace.stream().map(LineEndings::content).allMatch(c -> c.equals(c.stripTrailing()))
                && base.stream().map(LineEndings::content).anyMatch(c -> !c.equals(c.stripTrailing()));
        List<String> out = new ArrayList<>();
        for (String line : content) {
            String text = LineEndings.content(line);
            String end = LineEndings.terminator(line);
            if (trailingStripped) {
                text = text.stripTrailing();
            }
            if (endingsChanged && !end.isEmpty()) {
                end = terminator;
            }
            out.add(text + end);
        }
        return out;
    }

    private static String uniformTerminator(List<String> lines) {
        List<String> ends = lines.stream().map(LineEndings::terminator).filter(t -> !t.isEmpty()).distinct().toList();
        return ends.size() == 1 ? ends.get(0) : null;
    }

    private static Verdict pickByConvention(ConflictedFile file, ConflictHunk hunk) {
        Conventions conventions = Conventions.of(file.stableLines());
        int ours = conventions.score(hunk.ours());
        int theirs = conventions.score(hunk.theirs());
        if (ours == theirs) {
            return Verdict.declined("ours and theirs differ only in whitespace and fit the file's conventions ("
                    + conventions.describe() + ") equally well");
        }
        boolean takeOurs = ours > theirs;
        return new Verdict.Resolved(takeOurs ? hunk.ours() : hunk.theirs(), "ours and theirs differ only in"
                + " whitespace; took " + (takeOurs ? "ours" : "theirs") + ", whose whitespace matches the file ("
                + conventions.describe() + ")");
    }

    /**
     * Whether two runs of lines are the same apart from trailing whitespace and line endings, and, where
     * indentation carries no meaning, apart from indentation.
     */
    static boolean sameIgnoringWhitespace(List<String> a, List<String> b, boolean keepIndentation) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            String x = LineEndings.content(a.get(i)).stripTrailing();
            String y = LineEndings.content(b.get(i)).stripTrailing();
            if (!(keepIndentation ? x.equals(y) : x.stripLeading().equals(y.stripLeading()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean indentationSensitive(ConflictedFile file) {
        String name = file.path().substring(file.path().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return file.fileType() == FileType.PYTHON || file.fileType() == FileType.YAML
                || name.equals("makefile") || name.equals("gnumakefile") || name.endsWith(".mk");
    }

    /**
     * The same change of indentation on every non-blank line: {@code added} put in front of each line's
     * indentation, or {@code removed} taken from its front. Both empty: no indentation change.
     */
    record Reindent(String added, String removed) {

        /** The uniform re-indentation that turns {@code base} into {@code changed}, or {@code null} if none. */
        static Reindent between(List<String> base, List<String> changed) {
            Reindent found = null;
            for (int i = 0; i < base.size(); i++) {
                String b = LineEndings.content(base.get(i));
                String c = LineEndings.content(changed.get(i));
                if (b.isBlank() && c.isBlank()) {
                    continue;
                }
                String bi = indentation(b);
                String ci = indentation(c);
                Reindent here;
                if (ci.endsWith(bi)) {
                    here = new Reindent(ci.substring(0, ci.length() - bi.length()), "");
                } else if (bi.endsWith(ci)) {
                    here = new Reindent("", bi.substring(0, bi.length() - ci.length()));
                } else {
                    return null;
                }
                if (found != null && !found.equals(here)) {
                    return null;
                }
                found = here;
            }
            return found == null ? new Reindent("", "") : found;
        }

        boolean isNone() {
            return added.isEmpty() && removed.isEmpty();
        }

        /** The lines re-indented the same way, or {@code null} when a line lacks the indentation to remove. */
        List<String> applyTo(List<String> lines) {
            List<String> out = new ArrayList<>();
            for (String line : lines) {
                String content = LineEndings.content(line);
                if (content.isBlank()) {
                    out.add(line);
                } else if (!removed.isEmpty()) {
                    if (!content.startsWith(removed)) {
                        return null;
                    }
                    out.add(line.substring(removed.length()));
                } else {
                    out.add(added + line);
                }
            }
            return out;
        }

        String describe() {
            return added.isEmpty() ? "removed " + show(removed) : "added " + show(added);
        }

        private static String show(String indent) {
            long tabs = indent.chars().filter(c -> c == '\t').count();
            long spaces = indent.length() - tabs;
            return (tabs > 0 ? tabs + " tab(s)" : "") + (tabs > 0 && spaces > 0 ? " and " : "")
                    + (spaces > 0 ? spaces + " space(s)" : "");
        }
    }

    static String indentation(String content) {
        int i = 0;
        while (i < content.length() && (content.charAt(i) == ' ' || content.charAt(i) == '\t')) {
            i++;
        }
        return content.substring(0, i);
    }

    /**
     * The whitespace habits of a file, read from its stable lines: line terminator, indentation with tabs or
     * spaces, and whether lines end in whitespace.
     */
    record Conventions(String terminator, boolean tabs, boolean trailingWhitespace) {

        static Conventions of(List<String> stable) {
            int tabIndented = 0;
            int spaceIndented = 0;
            int trailing = 0;
            for (String line : stable) {
                String content = LineEndings.content(line);
                if (content.startsWith("\t")) {
                    tabIndented++;
                } else if (content.startsWith(" ") && !content.isBlank()) {
                    spaceIndented++;
                }
                if (!content.isBlank() && !content.equals(content.stripTrailing())) {
                    trailing++;
                }
            }
            return new Conventions(LineEndings.dominant(stable), tabIndented > spaceIndented,
                    trailing * 2 > stable.size());
        }

        /** How many of the lines follow the conventions, counting each habit separately. */
        int score(List<String> lines) {
            int score = 0;
            for (String line : lines) {
                String content = LineEndings.content(line);
                String terminator = LineEndings.terminator(line);
                if (terminator.isEmpty() || terminator.equals(this.terminator)) {
                    score++;
                }
                String indent = indentation(content);
                if (content.isBlank() || indent.isEmpty() || (tabs ? indent.indexOf(' ') < 0 : indent.indexOf('\t') < 0)) {
                    score++;
                }
                if (content.isBlank() || trailingWhitespace || content.equals(content.stripTrailing())) {
                    score++;
                }
            }
            return score;
        }

        String describe() {
            return (terminator.equals("\r\n") ? "CRLF" : "LF") + " line endings, " + (tabs ? "tab" : "space")
                    + " indentation" + (trailingWhitespace ? ", trailing whitespace" : ", no trailing whitespace");
        }
    }
}
