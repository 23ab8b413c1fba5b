package dev.truce.strategy;

import java.util.ArrayList;
import java.util.List;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.LineEndings;

/**
 * The {@code whitespace-carry} strategy (opt-in): one side only re-whitespaced the base and the other changed
 * content: the content is taken, and a uniform re-indentation (the same indentation added or removed on every line,
 * as when code is wrapped in a block) or a line-ending / trailing-whitespace clean-up is applied to it, so neither
 * side's work is lost. It is what {@code git merge -X renormalize} does for line endings; it is not in the default
 * chain because people often settle such conflicts by keeping one side whole (see docs/evaluation.md).
 * The re-indentation is applied only line for line (base, whitespace side and content side have the same number
 * of lines); otherwise, and for uneven whitespace changes, it passes. In files where indentation is meaning
 * (Python, YAML, Makefiles) it also passes unless the re-indentation applies exactly.
 */
final class WhitespaceCarryStrategy implements ResolutionStrategy {

    /** The strategy. */
    public WhitespaceCarryStrategy() {
    }

    @Override
    public String name() {
        return "whitespace-carry";
    }

    @Override
    public boolean optIn() {
        return true;
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        if (hunk.base().isEmpty()) {
            return Verdict.notApplicable("no base to tell a whitespace-only change from a content change");
        }
        boolean oursWhitespaceOnly = WhitespaceStrategy.sameIgnoringWhitespace(hunk.base(), hunk.ours(), false);
        boolean theirsWhitespaceOnly = WhitespaceStrategy.sameIgnoringWhitespace(hunk.base(), hunk.theirs(), false);
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
            return Verdict.recognisedButPassed(whitespaceSide + " changed whitespace unevenly (not one re-indentation of the"
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
            return Verdict.recognisedButPassed(whitespaceSide + " re-indented the region (" + reindent.describe() + ") but "
                    + contentSide + " changed its number of lines, so the re-indentation cannot be mapped line by"
                    + " line");
        }
        List<String> applied = reindent.applyTo(contentLines);
        if (applied == null) {
            return Verdict.recognisedButPassed(whitespaceSide + " re-indented the region (" + reindent.describe() + ") but "
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
                String bi = WhitespaceStrategy.indentation(b);
                String ci = WhitespaceStrategy.indentation(c);
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

}
