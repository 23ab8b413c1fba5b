package dev.truce.engine;

import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.FileVersions;
import dev.truce.conflict.LineEndings;
import dev.truce.context.RelatedChanges;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;

/**
 * Keeps the strategies from deciding a hunk that depends on a change one side made elsewhere: a resolution that still
 * uses a name one side renamed, or takes the other side's line calling a function whose declaration one side changed
 * (ours renames {@code total()} to {@code sum()}, theirs adds a call of {@code total()} next to ours' edit:
 * separate-line-edits would take both lines, and the merge would not compile). The strategies only see the hunk; the
 * related-changes analysis the model's context uses sees the rest of the file and the merge's other files.
 */
final class RelatedChangeGuard {

    private RelatedChangeGuard() {
    }

    /**
     * The strategy-resolved hunks of a program source file that depend on such a change, each with why.
     *
     * @param elsewhere what each side changed in the merge's other files
     */
    static Map<Integer, String> check(FileResolution resolution, FileVersions versions,
            RelatedChanges.Elsewhere elsewhere) {
        Map<Integer, String> problems = new LinkedHashMap<>();
        if (!resolution.file().fileType().isProgramCode() || versions == null) {
            return problems;
        }
        Charset charset = resolution.file().charset();
        String base = text(versions.base(), charset);
        String ours = text(versions.ours(), charset);
        String theirs = text(versions.theirs(), charset);
        for (ConflictHunk hunk : resolution.file().hunks()) {
            HunkOutcome outcome = resolution.outcomes().get(hunk.id());
            if (!outcome.isResolved() || outcome.byModel()) {
                continue;
            }
            List<String> lines = outcome.lines();
            Set<String> names = RelatedChanges.identifiers(lines);
            if (names.isEmpty()) {
                continue;
            }
            int from = Math.max(0, hunk.baseLine() - 1);
            List<RelatedChanges.Fact> facts = RelatedChanges.find(resolution.file().path(), base, ours, theirs, from,
                    from + hunk.base().size(), names, elsewhere, RelatedChanges.DEFAULT_MAX_FACTS);
            Set<String> namesOutsideHunks = RelatedChanges.identifiers(resolution.file().stableLines());
            for (RelatedChanges.Fact fact : facts) {
                if (breaks(fact, namesOutsideHunks) && dependsOn(fact, lines, hunk)) {
                    String change = fact.text();
                    int cut = change.indexOf("; the conflict uses");
                    problems.put(hunk.id(), "uses `" + fact.identifier() + "`, but "
                            + (cut < 0 ? change : change.substring(0, cut)));
                    break;
                }
            }
        }
        return problems;
    }

    /**
     * Whether the change breaks code written against the old state: a rename after which the old name occurs nowhere in
     * the merged file outside the conflicts (still imported, declared or used there, it still exists: a module alias
     * replaced in some calls, say), or a new declaration with another number of parameters (a new return annotation
     * breaks no call).
     */
    private static boolean breaks(RelatedChanges.Fact fact, Set<String> namesOutsideHunks) {
        if (fact.kind() == RelatedChanges.Kind.RENAME) {
            return !namesOutsideHunks.contains(fact.identifier());
        }
        List<String> quoted = quoted(fact.text());
        if (quoted.size() < 3) {
            return false;
        }
        int before = parameters(quoted.get(quoted.size() - 2));
        int after = parameters(quoted.get(quoted.size() - 1));
        return before >= 0 && after >= 0 && before != after;
    }

    /** The backtick-quoted parts of a fact's text, in order. */
    private static List<String> quoted(String text) {
        List<String> out = new java.util.ArrayList<>();
        for (int open = text.indexOf('`'); open >= 0; ) {
            int close = text.indexOf('`', open + 1);
            if (close < 0) {
                break;
            }
            out.add(text.substring(open + 1, close));
            open = text.indexOf('`', close + 1);
        }
        return out;
    }

    /** How many parameters a declaration's first parameter list has, or -1 when it has none. */
    private static int parameters(String declaration) {
        int open = declaration.indexOf('(');
        if (open < 0) {
            return -1;
        }
        int depth = 0;
        int commas = 0;
        boolean any = false;
        for (int i = open + 1; i < declaration.length(); i++) {
            char c = declaration.charAt(i);
            if (c == '(' || c == '<' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == '>' || c == ']' || c == '}') {
                if (depth == 0 && c == ')') {
                    return any ? commas + 1 : 0;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                commas++;
            } else if (!Character.isWhitespace(c)) {
                any = true;
            }
        }
        return -1;
    }

    /**
     * Whether the resolved lines depend on the fact: a line taken from the side that did not make the change uses the
     * name it is about (the renaming side has replaced the old name everywhere it wrote).
     */
    private static boolean dependsOn(RelatedChanges.Fact fact, List<String> lines, ConflictHunk hunk) {
        Set<String> otherSide = new HashSet<>();
        (fact.side().equals("ours") ? hunk.theirs() : hunk.ours()).forEach(l -> otherSide.add(LineEndings.content(l)));
        for (String line : lines) {
            String content = LineEndings.content(line);
            if (isImport(content)) {
                continue; // naming a type or module is not a use against its old declaration; code that uses it is
            }
            boolean fromOtherSide = otherSide.contains(content);
            boolean uses = RelatedChanges.identifiers(List.of(content)).contains(fact.identifier());
            if (uses && (fromOtherSide || fact.kind() == RelatedChanges.Kind.RENAME)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isImport(String line) {
        String t = line.strip();
        return t.startsWith("import ") || t.startsWith("from ") || t.startsWith("#include") || t.startsWith("using ")
                || t.startsWith("require ") || t.startsWith("use ");
    }

    private static String text(byte[] bytes, Charset charset) {
        return bytes == null ? null : new String(bytes, charset);
    }
}
