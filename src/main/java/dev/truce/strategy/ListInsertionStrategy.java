package dev.truce.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileType;
import dev.truce.conflict.LineEndings;

/**
 * Both sides inserted new entries at the same point of a list (the base range is empty): AUTHORS names,
 * changelog bullets, enum constants, POM modules or dependencies, map keys. Both insertions stand, when every
 * inserted entry has the shape of the neighbouring entries, no key is added twice with different content, and
 * separators (commas, blank lines) come out as the list has them. A sorted list stays sorted; otherwise ours'
 * entries come first, then theirs', and the reason says so.
 */
final class ListInsertionStrategy implements ResolutionStrategy {

    private static final int SORT_WINDOW = 5;
    private static final Comparator<String> KEY_ORDER = Comparator.comparing((String k) -> k.toLowerCase(Locale.ROOT));

    @Override
    public String name() {
        return "list-insertion";
    }

    @Override
    public boolean optIn() {
        return true;
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        if (!hunk.base().stream().allMatch(ListInsertionStrategy::isBlank)) {
            return Verdict.notApplicable("the base has lines here: not a pure insertion");
        }
        String first = hunk.ours().stream().filter(l -> !isBlank(l)).findFirst().orElse(null);
        if (first == null || hunk.theirs().stream().allMatch(ListInsertionStrategy::isBlank)) {
            return Verdict.notApplicable("a side inserted only blank lines");
        }
        FileType type = file.fileType();
        EntryShape shape = EntryShape.of(type, first);
        if (shape == null) {
            return Verdict.notApplicable("the inserted lines are not list entries");
        }
        String signature = shape.signature(first);
        Side ours = split(hunk.ours(), type, shape, signature, false);
        Side theirs = split(hunk.theirs(), type, shape, signature, true);
        if (ours == null || theirs == null) {
            return Verdict.notApplicable("not every inserted line belongs to an entry shaped like '"
                    + LineEndings.content(first).strip() + "'");
        }
        if (ours.leading().size() != theirs.leading().size()) {
            return Verdict.recognisedButPassed("the sides separate their entries from the one before differently");
        }
        List<String> nearestFirst = new ArrayList<>(hunk.before());
        Collections.reverse(nearestFirst);
        List<String> keysBefore = contextKeys(nearestFirst, type, shape, signature, true);
        List<String> keysAfter = contextKeys(hunk.after(), type, shape, signature, false);
        if (keysBefore.isEmpty() && keysAfter.isEmpty()) {
            return Verdict.recognisedButPassed("no neighbouring entry has the shape of the inserted ones");
        }
        Collections.reverse(keysBefore);
        if (shape.commaSeparated()) {
            for (Entry e : concat(ours.entries(), theirs.entries())) {
                String last = LineEndings.content(e.lines().get(e.lines().size() - 1)).replaceAll("//.*", "").strip();
                if (!last.endsWith(",")) {
                    return Verdict.recognisedButPassed("entry '" + e.key() + "' has no trailing comma; joining would break the"
                            + " separators");
                }
            }
        }
        // Keys: an entry both sides added identically is one entry; one key with two contents is a real conflict.
        Map<String, Entry> byKey = new HashMap<>();
        for (String k : concat(keysBefore, keysAfter)) {
            byKey.put(k, null);
        }
        List<Entry> merged = new ArrayList<>();
        int duplicates = 0;
        for (Entry e : concat(ours.entries(), theirs.entries())) {
            if (byKey.containsKey(e.key())) {
                Entry previous = byKey.get(e.key());
                if (previous != null && previous.content().equals(e.content()) && e.fromTheirs() && !previous.fromTheirs()) {
                    duplicates++;
                    continue;
                }
                return Verdict.recognisedButPassed("'" + e.key() + "' is added twice with different content");
            }
            byKey.put(e.key(), e);
            merged.add(e);
        }
        // Blank lines between entries: the sides' own gaps, else what separates the hunk from the entry before.
        List<String> gap;
        if (!ours.tail().isEmpty() && !theirs.tail().isEmpty()) {
            gap = ours.tail();
        } else if (ours.tail().isEmpty() && theirs.tail().isEmpty()) {
            gap = trailingBlanks(hunk.before());
        } else {
            return Verdict.recognisedButPassed("one side ends its entries with a blank line and the other does not");
        }
        for (Entry e : concat(ours.entries(), theirs.entries())) {
            if (!e.last() && e.gap().size() != gap.size()) {
                return Verdict.recognisedButPassed("entries are separated by different numbers of blank lines");
            }
        }
        // Sortedness is judged near the insertion point: long lists drift out of order far away.
        List<String> near = concat(keysBefore.subList(Math.max(0, keysBefore.size() - SORT_WINDOW), keysBefore.size()),
                keysAfter.subList(0, Math.min(SORT_WINDOW, keysAfter.size())));
        int split = Math.min(SORT_WINDOW, keysBefore.size());
        boolean sorted = near.size() >= 2
                && isSorted(concat(concat(near.subList(0, split), keys(ours.entries())), near.subList(split, near.size())))
                && isSorted(concat(concat(near.subList(0, split), keys(theirs.entries())),
                        near.subList(split, near.size())));
        if (!sorted) {
            return Verdict.recognisedButPassed("the list is not sorted here, so whose entries come first is a choice");
        }
        merged.sort(Comparator.comparing(Entry::key, KEY_ORDER));
        List<String> lines = new ArrayList<>(ours.leading());
        for (int i = 0; i < merged.size(); i++) {
            lines.addAll(merged.get(i).lines());
            lines.addAll(i + 1 < merged.size() ? gap : ours.tail().isEmpty() ? theirs.tail() : ours.tail());
        }
        if (lines.stream().limit(lines.size() - 1L).anyMatch(l -> LineEndings.terminator(l).isEmpty())) {
            return Verdict.recognisedButPassed("an entry ends the file without a newline; joining would merge two lines");
        }
        String reason = "both sides inserted " + shape.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " entries here: kept " + keys(ours.entries()).size() + " from ours and "
                + (theirs.entries().size() - duplicates) + " from theirs"
                + (duplicates > 0 ? " (" + duplicates + " identical on both sides kept once)" : "")
                + ", in the list's sorted order";
        return new Verdict.Resolved(lines, reason);
    }

    /** Splits a side's inserted lines into entries of the shape; {@code null} when a line fits no entry. */
    private static Side split(List<String> lines, FileType type, EntryShape shape, String signature,
            boolean fromTheirs) {
        List<String> leading = new ArrayList<>();
        List<Builder> entries = new ArrayList<>();
        Builder current = null;
        for (String line : lines) {
            if (isBlank(line)) {
                (current == null ? leading : current.gap).add(line);
                continue;
            }
            if (current != null && current.closing != null) {
                current.take(line);
                if (LineEndings.content(line).stripTrailing().equals(current.closing)) {
                    current.closing = null;
                }
                continue;
            }
            if (EntryShape.of(type, line) == shape && shape.signature(line).equals(signature)) {
                current = new Builder();
                current.take(line);
                if (shape == EntryShape.XML_BLOCK) {
                    current.closing = signature.replace("<", "</") + ">";
                }
                entries.add(current);
            } else if (current != null && shape == EntryShape.BULLET && indent(line) > indentOf(signature)) {
                current.take(line);
            } else {
                return null;
            }
        }
        if (entries.isEmpty() || entries.get(entries.size() - 1).closing != null) {
            return null;
        }
        List<Entry> built = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Builder b = entries.get(i);
            built.add(new Entry(List.copyOf(b.lines), List.copyOf(b.gap), key(shape, b.lines), i == entries.size() - 1,
                    fromTheirs));
        }
        return new Side(leading, built, built.get(built.size() - 1).gap());
    }

    /**
     * Keys of the entries of the same list next to the hunk, nearest first; stops at the first line that is
     * neither an entry start, a continuation, a closing tag nor blank.
     */
    private static List<String> contextKeys(List<String> nearestFirst, FileType type, EntryShape shape,
            String signature, boolean backwards) {
        List<String> keys = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        String closing = shape == EntryShape.XML_BLOCK ? signature.replace("<", "</") + ">" : null;
        for (String line : nearestFirst) {
            if (isBlank(line)) {
                continue;
            }
            boolean start = EntryShape.of(type, line) == shape && shape.signature(line).equals(signature);
            if (start) {
                if (shape == EntryShape.XML_BLOCK) {
                    pending.add(line);
                    if (backwards) {
                        Collections.reverse(pending);
                    }
                    keys.add(key(shape, pending));
                    pending.clear();
                } else {
                    keys.add(key(shape, List.of(line)));
                }
            } else if (shape.hasContinuations() && (indent(line) > indentOf(signature)
                    || LineEndings.content(line).stripTrailing().equals(closing))) {
                pending.add(line);
                if (!backwards && LineEndings.content(line).stripTrailing().equals(closing)) {
                    pending.clear();
                }
            } else {
                break;
            }
        }
        return keys;
    }

    /** An XML block is identified by its Maven coordinates when it has them, else by its whole text. */
    private static String key(EntryShape shape, List<String> lines) {
        if (shape != EntryShape.XML_BLOCK) {
            return shape.key(lines.get(0));
        }
        StringBuilder coordinates = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(LineEndings.content(line).strip()).append('\n');
            String[] element = firstElement(LineEndings.content(line));
            if (element != null && List.of("groupId", "artifactId", "classifier", "type").contains(element[0])) {
                coordinates.append(element[1]).append(':');
            }
        }
        return coordinates.length() > 0 ? coordinates.toString() : text.toString();
    }

    /**
     * The name and trimmed text of the first element written on one line with nothing nested, {@code <a> x </a>}, or
     * {@code null}: what {@code <([\\w.-]+)>\\s*([^<]*?)\\s*</\\1>} found first, in linear time (it took quadratic time
     * on a long run of spaces).
     */
    static String[] firstElement(String line) {
        int p = line.indexOf('<');
        while (p >= 0) {
            int name = p + 1;
            int end = name;
            while (end < line.length() && (VersionLine.isWord(line.charAt(end)) || line.charAt(end) == '.'
                    || line.charAt(end) == '-')) {
                end++;
            }
            if (end == name || end >= line.length() || line.charAt(end) != '>') {
                p = line.indexOf('<', p + 1);
                continue;
            }
            // The text runs to the next '<', which must open the matching end tag.
            int close = line.indexOf('<', end + 1);
            if (close < 0) {
                return null;
            }
            int tag = close + 2 + (end - name);
            if (line.startsWith("</", close) && line.startsWith(line.substring(name, end), close + 2)
                    && tag < line.length() && line.charAt(tag) == '>') {
                int from = end + 1;
                while (from < close && ImportSyntax.isSpace(line.charAt(from))) {
                    from++;
                }
                int to = close;
                while (to > from && ImportSyntax.isSpace(line.charAt(to - 1))) {
                    to--;
                }
                return new String[] {line.substring(name, end), line.substring(from, to)};
            }
            p = close;
        }
        return null;
    }

    private static boolean isSorted(List<String> keys) {
        for (int i = 1; i < keys.size(); i++) {
            if (KEY_ORDER.compare(keys.get(i - 1), keys.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static List<String> trailingBlanks(List<String> lines) {
        int i = lines.size();
        while (i > 0 && isBlank(lines.get(i - 1))) {
            i--;
        }
        return lines.subList(i, lines.size());
    }

    private static List<String> keys(List<Entry> entries) {
        return entries.stream().map(Entry::key).toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static boolean isBlank(String line) {
        return LineEndings.content(line).isBlank();
    }

    private static int indent(String line) {
        String content = LineEndings.content(line);
        return content.length() - content.stripLeading().length();
    }

    private static int indentOf(String signature) {
        return signature.length() - signature.stripLeading().length();
    }

    /** One side's insertion: blank lines before its first entry, its entries, and the blank lines after them. */
    private record Side(List<String> leading, List<Entry> entries, List<String> tail) {
    }

    /** One list entry; {@code gap} holds the blank lines after it. */
    private record Entry(List<String> lines, List<String> gap, String key, boolean last, boolean fromTheirs) {
        String content() {
            return String.join("", lines.stream().map(LineEndings::content).toList());
        }
    }

    /** Collects an entry's lines while splitting. */
    private static final class Builder {
        final List<String> lines = new ArrayList<>();
        final List<String> gap = new ArrayList<>();
        String closing;

        void take(String line) {
            // Blank lines inside an entry (between a bullet and its continuation) belong to it.
            lines.addAll(gap);
            gap.clear();
            lines.add(line);
        }
    }
}
