package dev.truce.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.LineEndings;

/**
 * Both sides changed the same run of import lines: the imports form a set, so the answer is the three-way
 * set merge (everything either side added, minus what either side removed from the base), laid out the
 * way the file lays out its imports. When the import block is sorted on both sides under one ordering,
 * new imports take their sorted place; otherwise ours' order is kept and each of theirs' new imports
 * follows the import it follows on their side. Blank-line groups stay as ours has them.
 *
 * <p>It passes when a line is not a one-line import, when two imports would bind the same name, when
 * theirs starts a group of its own, or when the file's ordering is ambiguous.
 */
public final class ImportUnionStrategy implements ResolutionStrategy {

    /** Orderings import sorters use; the file shows which one it follows. */
    private static final Map<String, Comparator<ImportStatement>> ORDERINGS = orderings();
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");

    @Override
    public String name() {
        return "import-union";
    }

    @Override
    public Verdict resolve(ConflictedFile file, ConflictHunk hunk) {
        Optional<ImportSyntax> syntax = ImportSyntax.of(file.fileType());
        if (syntax.isEmpty()) {
            return Verdict.notApplicable("no one-line import syntax for " + file.fileType().label());
        }
        try {
            Block block = parseBlock(file, hunk, syntax.get());
            SetMerge sets = mergeSets(block);
            Placed placed = place(block, sets);
            checkUses(file, hunk, block, sets, placed.entries());
            return resolution(block, sets, placed);
        } catch (Pass pass) {
            return pass.verdict;
        }
    }

    /**
     * The hunk's three sides as import entries, with the import lines just before and after it that belong to the
     * same block.
     *
     * @param syntax the file's import syntax
     * @param base   the base side's entries
     * @param ours   ours' entries
     * @param theirs theirs' entries
     * @param before the block's lines before the hunk, in file order
     * @param after  the block's lines after the hunk
     */
    private record Block(ImportSyntax syntax, List<Entry> base, List<Entry> ours, List<Entry> theirs,
            List<Entry> before, List<Entry> after) {

        /** Every entry of the three sides. */
        List<Entry> hunkEntries() {
            List<Entry> all = new ArrayList<>(base);
            all.addAll(ours);
            all.addAll(theirs);
            return all;
        }

        /** A side's entries with the block's lines around the hunk. */
        List<Entry> full(List<Entry> side) {
            List<Entry> full = new ArrayList<>(before);
            full.addAll(side);
            full.addAll(after);
            return full;
        }
    }

    /**
     * The three-way set merge of the imports' identities.
     *
     * @param droppedByOurs   in base and theirs, removed by ours
     * @param droppedByTheirs in base and ours, removed by theirs
     * @param oursAdded       only ours added
     * @param theirsAdded     only theirs added
     */
    private record SetMerge(Set<String> droppedByOurs, Set<String> droppedByTheirs, Set<String> oursAdded,
            Set<String> theirsAdded) {
    }

    /**
     * The merged block.
     *
     * @param entries the block's entries, the lines around the hunk included
     * @param layout  how the new imports were placed, for the reason
     */
    private record Placed(List<Entry> entries, String layout) {
    }

    /** A phase found the hunk is not one this strategy decides; carries the pass and its reason. */
    private static final class Pass extends Exception {
        private final Verdict.Passed verdict;

        Pass(Verdict.Passed verdict) {
            super(verdict.reason(), null, false, false);
            this.verdict = verdict;
        }
    }

    /** Phase 1: the hunk as import entries of one block, or a pass when it is not one. */
    private static Block parseBlock(ConflictedFile file, ConflictHunk hunk, ImportSyntax syntax) throws Pass {
        List<Entry> base = parseAll(syntax, hunk.base(), Region.HUNK);
        List<Entry> ours = parseAll(syntax, hunk.ours(), Region.HUNK);
        List<Entry> theirs = parseAll(syntax, hunk.theirs(), Region.HUNK);
        if (base == null || ours == null || theirs == null) {
            throw new Pass(Verdict.notApplicable("the hunk has lines that are not one-line imports"));
        }
        if (ours.stream().noneMatch(Entry::isImport) && theirs.stream().noneMatch(Entry::isImport)) {
            throw new Pass(Verdict.notApplicable("no import lines on either side"));
        }
        List<Entry> all = new ArrayList<>(base);
        all.addAll(ours);
        all.addAll(theirs);
        Set<String> indents = new HashSet<>();
        for (Entry e : all) {
            if (LineEndings.terminator(e.line()).isEmpty()) {
                throw new Pass(Verdict.recognisedButPassed("an import line ends the file without a newline;"
                        + " reordering could join lines"));
            }
            if (e.isImport()) {
                indents.add(indent(e.line()));
            }
        }
        if (indents.size() != 1) {
            throw new Pass(Verdict.recognisedButPassed("import lines are indented differently"));
        }
        String indent = indents.iterator().next();

        List<Entry> before = new ArrayList<>();
        List<String> nearestFirst = new ArrayList<>(hunk.before());
        Collections.reverse(nearestFirst);
        String openerLine = blockEdge(syntax, indent, nearestFirst, before, Region.BEFORE);
        Collections.reverse(before);
        List<Entry> after = new ArrayList<>();
        String closerLine = blockEdge(syntax, indent, hunk.after(), after, Region.AFTER);
        boolean needsBlock = all.stream().anyMatch(e -> e.isImport() && syntax.needsEnclosingBlock(e.statement()));
        if (needsBlock && (openerLine == null || !syntax.opensBlock(openerLine)
                || closerLine == null || !syntax.closesBlock(closerLine))) {
            throw new Pass(Verdict.notApplicable("quoted paths outside an import ( ... ) block are not imports"));
        }

        // The three-way set merge assumes each import stands once in the file. When a side holds one twice, or
        // the merged text elsewhere holds one the hunk has too, a removal may be a move or a de-duplication, and
        // which copy a side meant to keep is not written anywhere.
        String repeated = repeatedImport(file, List.of(base, ours, theirs), syntax, indent);
        if (repeated != null) {
            throw new Pass(Verdict.recognisedButPassed("'" + repeated + "' stands more than once in the file's"
                    + " imports; whether a side moved it or removed a copy is unclear"));
        }
        return new Block(syntax, base, ours, theirs, before, after);
    }

    /** Phase 2: everything either side added, minus what either side removed from the base. */
    private static SetMerge mergeSets(Block block) {
        Set<String> baseIds = identities(block.base());
        Set<String> oursIds = identities(block.ours());
        Set<String> theirsIds = identities(block.theirs());
        Set<String> droppedByTheirs = new LinkedHashSet<>(baseIds);
        droppedByTheirs.retainAll(oursIds);
        droppedByTheirs.removeAll(theirsIds);
        Set<String> droppedByOurs = new LinkedHashSet<>(baseIds);
        droppedByOurs.retainAll(theirsIds);
        droppedByOurs.removeAll(oursIds);
        return new SetMerge(droppedByOurs, droppedByTheirs, minus(minus(oursIds, baseIds), theirsIds),
                minus(minus(theirsIds, baseIds), oursIds));
    }

    /**
     * Phase 3: ours' block without what theirs removed, theirs' new imports after their neighbours, then sorted
     * where both sides are sorted under one ordering.
     */
    private static Placed place(Block block, SetMerge sets) throws Pass {
        List<Entry> result = new ArrayList<>(block.before());
        for (Entry e : block.ours()) {
            if (!(e.isImport() && sets.droppedByTheirs().contains(e.identity()))) {
                result.add(e);
            }
        }
        result.addAll(block.after());
        List<Entry> theirsFull = block.full(block.theirs());
        for (int i = 0; i < theirsFull.size(); i++) {
            Entry t = theirsFull.get(i);
            if (t.region() != Region.HUNK || !t.isImport() || !sets.theirsAdded().contains(t.identity())
                    || indexOf(result, t.identity()) >= 0) {
                continue;
            }
            int at = insertionPoint(theirsFull, i, result);
            if (at < 0) {
                throw new Pass(Verdict.recognisedButPassed("theirs adds " + t.identity() + " in an import group of"
                        + " its own; where that group goes is a layout decision"));
            }
            result.add(at, t);
        }
        result = withoutRepeatedBlanks(result);

        List<String> consistent = new ArrayList<>();
        Map<List<Entry>, String> sortedResults = new LinkedHashMap<>();
        List<Entry> oursFull = block.full(block.ours());
        for (Map.Entry<String, Comparator<ImportStatement>> ordering : ORDERINGS.entrySet()) {
            if (touchedGroupsSorted(oursFull, ordering.getValue())
                    && touchedGroupsSorted(theirsFull, ordering.getValue())) {
                consistent.add(ordering.getKey());
                sortedResults.putIfAbsent(sortTouchedGroups(result, ordering.getValue()), ordering.getKey());
            }
        }
        if (sortedResults.size() > 1) {
            throw new Pass(Verdict.recognisedButPassed("the imports are sorted under several orderings ("
                    + String.join(", ", consistent) + ") that place the new imports differently"));
        }
        if (sortedResults.size() == 1) {
            // Every ordering the block fits places the new imports alike; name the simplest.
            return new Placed(sortedResults.keySet().iterator().next(),
                    "in sorted position (" + consistent.get(0) + ")");
        }
        String shared = sharedSlot(theirsFull, result, sets.theirsAdded(), sets.oursAdded());
        if (shared != null) {
            throw new Pass(Verdict.recognisedButPassed("the imports are not sorted and both sides added imports at"
                    + " the same place (" + shared + "); their order is a choice"));
        }
        return new Placed(result, "in ours' order, each of theirs' after its neighbour on their side");
    }

    /**
     * Phase 4: the merged block imports each thing once, binds each name once, and agrees with the code (see
     * {@link #checkUsage}); and the sorted places stay inside the conflict.
     */
    private static void checkUses(ConflictedFile file, ConflictHunk hunk, Block block, SetMerge sets,
            List<Entry> result) throws Pass {
        Set<String> seen = new HashSet<>();
        Map<String, String> bound = new LinkedHashMap<>();
        for (Entry e : result) {
            if (!e.isImport()) {
                continue;
            }
            if (!seen.add(e.identity())) {
                throw new Pass(Verdict.recognisedButPassed("the merged block would import " + e.identity()
                        + " twice"));
            }
            for (String name : e.statement().boundNames()) {
                String previous = bound.putIfAbsent(name, e.identity());
                if (previous != null) {
                    throw new Pass(Verdict.recognisedButPassed("'" + previous + "' and '" + e.identity()
                            + "' both bind " + name));
                }
            }
        }
        Verdict.Passed unused = checkUsage(file, hunk, block.syntax(), result, sets.droppedByOurs(),
                sets.droppedByTheirs(), block.hunkEntries());
        if (unused != null) {
            throw new Pass(unused);
        }
        int end = result.size() - block.after().size();
        if (!result.subList(0, block.before().size()).equals(block.before())
                || !result.subList(end, result.size()).equals(block.after())) {
            throw new Pass(Verdict.recognisedButPassed("the sorted place of a new import lies outside the conflict"));
        }
    }

    /** The hunk's lines of the merged block, with the reason saying what was added, dropped and how placed. */
    private static Verdict resolution(Block block, SetMerge sets, Placed placed) {
        List<Entry> result = placed.entries();
        List<String> lines = result.subList(block.before().size(), result.size() - block.after().size()).stream()
                .map(Entry::line).toList();
        StringBuilder reason = new StringBuilder("union of imports: ").append(sets.oursAdded().size())
                .append(" added by ours, ").append(sets.theirsAdded().size()).append(" added by theirs");
        if (!sets.droppedByOurs().isEmpty()) {
            reason.append(", dropped ").append(sets.droppedByOurs()).append(" because ours removed them");
        }
        if (!sets.droppedByTheirs().isEmpty()) {
            reason.append(", dropped ").append(sets.droppedByTheirs()).append(" because theirs removed them");
        }
        return new Verdict.Resolved(lines, reason.append("; placed ").append(placed.layout()).toString());
    }

    /**
     * In an unsorted block, the only safe place for theirs' new import is a gap where ours added nothing: returns
     * one of theirs' imports whose gap between its kept neighbours also holds an import ours added, else null.
     */
    private static String sharedSlot(List<Entry> theirsFull, List<Entry> result, Set<String> theirsAdded,
            Set<String> oursAdded) {
        for (int i = 0; i < theirsFull.size(); i++) {
            Entry t = theirsFull.get(i);
            if (t.region() != Region.HUNK || !t.isImport() || !theirsAdded.contains(t.identity())) {
                continue;
            }
            int at = indexOf(result, t.identity());
            int from = at;
            while (from > 0 && result.get(from - 1).isImport() && !isKeptNeighbour(result.get(from - 1), theirsFull,
                    theirsAdded)) {
                from--;
            }
            int to = at;
            while (to + 1 < result.size() && result.get(to + 1).isImport() && !isKeptNeighbour(result.get(to + 1),
                    theirsFull, theirsAdded)) {
                to++;
            }
            for (int j = from; j <= to; j++) {
                if (oursAdded.contains(result.get(j).identity())) {
                    return t.identity() + " next to " + result.get(j).identity();
                }
            }
        }
        return null;
    }

    /** Whether a result line is also on theirs' side as an import theirs did not add: a fixed point of both. */
    private static boolean isKeptNeighbour(Entry e, List<Entry> theirsFull, Set<String> theirsAdded) {
        return !theirsAdded.contains(e.identity()) && indexOf(theirsFull, e.identity()) >= 0;
    }

    /**
     * An import merge is only right if the code agrees with it: an import one side dropped must not still be
     * used by the merged code, and an import the result keeps must be used somewhere (else the side that dropped
     * its use would have dropped it too). Returns a pass when that fails, else {@code null}.
     */
    private static Verdict.Passed checkUsage(ConflictedFile file, ConflictHunk hunk, ImportSyntax syntax,
            List<Entry> result, Set<String> droppedByOurs, Set<String> droppedByTheirs, List<Entry> hunkEntries) {
        if (!syntax.bindsIdentifiers()) {
            return null;
        }
        Set<String> stableWords = words(file.stableLines(), syntax);
        Set<String> anyWords = new HashSet<>(stableWords);
        for (ConflictHunk other : file.hunks()) {
            if (other.id() != hunk.id()) {
                anyWords.addAll(words(other.ours(), syntax));
                anyWords.addAll(words(other.theirs(), syntax));
            }
        }
        Set<String> stillBound = new HashSet<>();
        for (Entry e : result) {
            if (e.isImport()) {
                e.statement().boundNames().forEach(name -> stillBound.add(usageName(name)));
            }
        }
        boolean wildcard = false;
        for (String line : file.stableLines()) {
            Optional<ImportStatement> s = syntax.parse(line);
            if (s.isPresent()) {
                s.get().boundNames().forEach(name -> stillBound.add(usageName(name)));
                wildcard |= isWildcard(s.get());
            }
        }
        wildcard |= result.stream().anyMatch(e -> e.isImport() && isWildcard(e.statement()));
        for (Entry e : hunkEntries) {
            if (e.isImport() && (droppedByOurs.contains(e.identity()) || droppedByTheirs.contains(e.identity()))) {
                for (String name : e.statement().boundNames()) {
                    // A replaced import (same name from another package) leaves the uses in good hands.
                    if (anyWords.contains(usageName(name)) && !stillBound.contains(usageName(name))) {
                        return Verdict.recognisedButPassed("'" + e.identity() + "' was removed by one side but "
                                + usageName(name) + " is still used in the merged file");
                    }
                }
            }
        }
        Set<String> hunkIds = identities(hunkEntries);
        // The clean part of the merge may itself have dropped an import (one side removed it away from the hunk)
        // whose name the merged code still uses: the file would not build, whatever this hunk becomes. A
        // wildcard import may supply the name, so then nothing can be told from the text.
        Set<String> codeNames = wildcard ? Set.of() : codeNames(file.stableLines(), syntax);
        for (String line : file.baseLines()) {
            Optional<ImportStatement> s = syntax.parse(line);
            if (s.isEmpty() || hunkIds.contains(s.get().identity())) {
                continue; // imports in this hunk were weighed above
            }
            for (String name : s.get().boundNames()) {
                if (codeNames.contains(usageName(name)) && !stillBound.contains(usageName(name))) {
                    return Verdict.recognisedButPassed("the merged file uses " + usageName(name)
                            + ", but one side removed '" + s.get().identity() + "' outside this conflict; restoring"
                            + " it is a change outside the conflict");
                }
            }
        }
        for (Entry e : result) {
            if (e.isImport() && e.region() == Region.HUNK) {
                for (String name : e.statement().boundNames()) {
                    if (!syntax.mayBeUnused(e.statement()) && !anyWords.contains(usageName(name))) {
                        return Verdict.recognisedButPassed("'" + e.identity() + "' would be unused: nothing in the"
                                + " file refers to " + usageName(name));
                    }
                }
            }
        }
        return null;
    }

    /** The identifiers of the lines that are not import lines. */
    private static Set<String> words(List<String> lines, ImportSyntax syntax) {
        Set<String> words = new HashSet<>();
        for (String line : lines) {
            if (syntax.parse(line).isEmpty()) {
                Matcher m = IDENTIFIER.matcher(line);
                while (m.find()) {
                    words.add(m.group());
                }
            }
        }
        return words;
    }

    /**
     * An import that a hunk side lists twice, or that a hunk side and the merged text outside it both list at the
     * same indentation (an indented import elsewhere is a local one, as in a Python function).
     */
    private static String repeatedImport(ConflictedFile file, List<List<Entry>> sides, ImportSyntax syntax,
            String indent) {
        Set<String> outside = new HashSet<>();
        for (String line : file.stableLines()) {
            if (indent(line).equals(indent)) {
                syntax.parse(line).ifPresent(s -> outside.add(s.identity()));
            }
        }
        for (List<Entry> side : sides) {
            Set<String> seen = new HashSet<>();
            for (Entry e : side) {
                if (e.isImport() && (!seen.add(e.identity()) || outside.contains(e.identity()))) {
                    return e.identity();
                }
            }
        }
        return null;
    }

    private static boolean isWildcard(ImportStatement statement) {
        return statement.target().endsWith("*") || statement.boundNames().contains("*");
    }

    /**
     * The names the code itself refers to: identifiers on lines that are neither imports nor comments, outside
     * string literals, and not reached through a dot (a qualified name or a member needs no import).
     */
    private static Set<String> codeNames(List<String> lines, ImportSyntax syntax) {
        Set<String> names = new HashSet<>();
        boolean inTextBlock = false;
        for (String line : lines) {
            String code = LineEndings.content(line).strip();
            // Triple-quoted strings (Python docstrings, Java and Kotlin text blocks) span lines: skip their insides.
            int quotes = count(code, "\"\"\"") + count(code, "'''");
            boolean wasInside = inTextBlock;
            if (quotes % 2 == 1) {
                inTextBlock = !inTextBlock;
            }
            if (wasInside || quotes > 0 || code.startsWith("//") || code.startsWith("*") || code.startsWith("/*")
                    || code.startsWith("#") || syntax.parse(line).isPresent()) {
                continue;
            }
            code = withoutStrings(code);
            Matcher m = IDENTIFIER.matcher(code);
            while (m.find()) {
                if (m.start() == 0 || code.charAt(m.start() - 1) != '.') {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    /**
     * The code with each string literal ({@code "..."} or {@code '...'}, backslash escapes) replaced by {@code ""}, as
     * {@code "(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'} replaced them, in linear time: that expression recursed once per
     * character (a stack overflow on a long literal) and took quadratic time on {@code \"\"\"...}.
     */
    static String withoutStrings(String code) {
        StringBuilder out = new StringBuilder(code.length());
        int copied = 0;
        // Per quote kind, where the last literal that found no end gave up: a literal of that kind starting before
        // there starts inside it (at an escaped quote), reads the same characters from there, and gives up too.
        int failedDouble = -1;
        int failedSingle = -1;
        for (int i = 0; i < code.length(); i++) {
            char quote = code.charAt(i);
            if (quote != '"' && quote != '\'' || i <= (quote == '"' ? failedDouble : failedSingle)) {
                continue;
            }
            int j = i + 1;
            while (j < code.length() && code.charAt(j) != quote) {
                if (code.charAt(j) == '\\') {
                    if (j + 1 == code.length() || isLineTerminator(code.charAt(j + 1))) {
                        break; // an escape needs a character other than a line terminator ('.')
                    }
                    j++;
                }
                j++;
            }
            if (j < code.length() && code.charAt(j) == quote) {
                out.append(code, copied, i).append("\"\"");
                copied = j + 1;
                i = j;
            } else if (quote == '"') {
                failedDouble = j;
            } else {
                failedSingle = j;
            }
        }
        return out.append(code, copied, code.length()).toString();
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }

    private static String usageName(String boundName) {
        return boundName.startsWith("static ") ? boundName.substring("static ".length()) : boundName;
    }

    /**
     * Where theirs' import at {@code index} goes in the result: right after the nearest import before it in its
     * blank-line group on their side that the result has, else right before the nearest one after it; -1 if the
     * result has none of its group.
     */
    private static int insertionPoint(List<Entry> theirsFull, int index, List<Entry> result) {
        for (int j = index - 1; j >= 0 && theirsFull.get(j).isImport(); j--) {
            int at = indexOf(result, theirsFull.get(j).identity());
            if (at >= 0) {
                return at + 1;
            }
        }
        for (int j = index + 1; j < theirsFull.size() && theirsFull.get(j).isImport(); j++) {
            int at = indexOf(result, theirsFull.get(j).identity());
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }

    /** Collects the import and blank lines adjacent to the hunk; returns the first line that is neither. */
    private static String blockEdge(ImportSyntax syntax, String indent, List<String> lines, List<Entry> into,
            Region region) {
        for (String line : lines) {
            if (LineEndings.content(line).isBlank()) {
                into.add(new Entry(line, null, region));
                continue;
            }
            Optional<ImportStatement> s = syntax.parse(line);
            if (s.isEmpty() || !indent(line).equals(indent)) {
                return LineEndings.content(line);
            }
            into.add(new Entry(line, s.get(), region));
        }
        return null;
    }

    private static boolean touchedGroupsSorted(List<Entry> full, Comparator<ImportStatement> order) {
        for (List<Entry> group : groups(full)) {
            if (group.stream().anyMatch(e -> e.region() == Region.HUNK)) {
                for (int i = 1; i < group.size(); i++) {
                    if (order.compare(group.get(i - 1).statement(), group.get(i).statement()) > 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static List<Entry> sortTouchedGroups(List<Entry> result, Comparator<ImportStatement> order) {
        List<Entry> sorted = new ArrayList<>();
        List<Entry> group = new ArrayList<>();
        for (Entry e : result) {
            if (e.isImport()) {
                group.add(e);
                continue;
            }
            flushGroup(group, sorted, order);
            sorted.add(e);
        }
        flushGroup(group, sorted, order);
        return sorted;
    }

    private static void flushGroup(List<Entry> group, List<Entry> into, Comparator<ImportStatement> order) {
        if (group.stream().anyMatch(e -> e.region() == Region.HUNK)) {
            group.sort(Comparator.comparing(Entry::statement, order));
        }
        into.addAll(group);
        group.clear();
    }

    /** The runs of import lines between blank lines. */
    private static List<List<Entry>> groups(List<Entry> entries) {
        List<List<Entry>> groups = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        for (Entry e : entries) {
            if (e.isImport()) {
                current.add(e);
            } else if (!current.isEmpty()) {
                groups.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }

    /** Removes a blank line the merge left right after another blank line in the hunk (an emptied group). */
    private static List<Entry> withoutRepeatedBlanks(List<Entry> entries) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.isImport() && e.region() == Region.HUNK && !out.isEmpty() && !out.get(out.size() - 1).isImport()) {
                continue;
            }
            out.add(e);
        }
        return out;
    }

    private static List<Entry> parseAll(ImportSyntax syntax, List<String> lines, Region region) {
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            if (LineEndings.content(line).isBlank()) {
                entries.add(new Entry(line, null, region));
                continue;
            }
            Optional<ImportStatement> s = syntax.parse(line);
            if (s.isEmpty()) {
                return null;
            }
            entries.add(new Entry(line, s.get(), region));
        }
        return entries;
    }

    private static Set<String> identities(List<Entry> entries) {
        Set<String> ids = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (e.isImport()) {
                ids.add(e.identity());
            }
        }
        return ids;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static int indexOf(List<Entry> entries, String identity) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).isImport() && entries.get(i).identity().equals(identity)) {
                return i;
            }
        }
        return -1;
    }

    private static String indent(String line) {
        String content = LineEndings.content(line);
        return content.substring(0, content.length() - content.stripLeading().length());
    }

    private static Map<String, Comparator<ImportStatement>> orderings() {
        Map<String, Comparator<ImportStatement>> m = new LinkedHashMap<>();
        m.put("by name", Comparator.comparing(ImportStatement::target));
        m.put("by name ignoring case", Comparator.comparing((ImportStatement s) -> s.target().toLowerCase(Locale.ROOT))
                .thenComparing(ImportStatement::target));
        m.put("plain imports before from-imports", Comparator.comparing(ImportStatement::fromForm)
                .thenComparing(ImportStatement::target));
        return m;
    }

    private enum Region {
        BEFORE, HUNK, AFTER
    }

    /** A line of an import block; {@code statement} is {@code null} for a blank line. */
    private record Entry(String line, ImportStatement statement, Region region) {
        boolean isImport() {
            return statement != null;
        }

        String identity() {
            return statement.identity();
        }
    }
}
