package dev.truce.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import dev.truce.conflict.BoundedDiff;

/**
 * What one side changed, away from a conflict, about the names the conflict uses: a rename (a removed and an added
 * line that differ only in one identifier, replaced the same way wherever it occurs) or a changed declaration of a
 * function or method the conflict mentions. A conflict often hinges on such a change (ours renamed a method,
 * theirs added a call to the old name), and the hunk alone does not show it.
 *
 * <p>Two sources are searched: the conflicted file outside the conflict (from its three versions) and the other
 * files the merge changed on each side ({@link Elsewhere}, from the per-side diffs of the merge's trees). A change
 * both sides made the same way is not reported: it is not one side's.
 */
public final class RelatedChanges {

    /** At most this many facts per request by default. */
    public static final int DEFAULT_MAX_FACTS = 8;

    /** Edits with more lines than this on either side are not searched for renames (a rewrite, not a rename). */
    private static final int MAX_EDIT_LINES = 60;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    static final Set<String> KEYWORDS = Set.of(("abstract assert boolean break byte case catch char class"
            + " const continue default do double else enum extends final finally float for goto if implements import"
            + " instanceof int interface long native new package private protected public return short static"
            + " strictfp super switch synchronized this throw throws transient try void volatile while true false"
            + " null var val fun def func let in is not and or pass lambda None True False self from as with yield"
            + " async await elif except raise global nonlocal del go chan defer map range select struct type"
            + " fallthrough nil function export typeof undefined readonly any string number of delete"
            + " override internal when companion sealed lateinit String Object Integer").split(" "));

    // Declarations of a function or method, by language. Where a pattern repeats a group (words before Kotlin's
    // "fun", Java's modifiers), the repetition is read by hand (see afterRepeats): Java's regular expressions recurse
    // once per repetition, which overflows the stack on a long line of words.
    private static final Pattern PY_DEF = Pattern.compile("^\\s*+(?:async\\s++)?def\\s++(\\w++)\\s*+\\(");
    private static final Pattern GO_FUNC = Pattern.compile("^\\s*+func\\s++(?:\\([^)]*+\\)\\s*+)?(\\w++)\\s*+[\\[(]");
    private static final Pattern KOTLIN_WORD = Pattern.compile("[\\w@]++\\s++");
    private static final Pattern KOTLIN_FUN = Pattern.compile("fun\\s+(?:<[^>]*>\\s*)?(?:[\\w.]+\\.)?(\\w+)\\s*\\(");
    private static final Pattern JS_FUNCTION = Pattern.compile(
            "^\\s*+(?:export\\s++)?(?:default\\s++)?(?:async\\s++)?function\\s*+\\*?\\s*+(\\w++)\\s*+\\(");
    private static final Pattern MODIFIER = Pattern.compile("(?:public|protected|private|static|final|abstract"
            + "|synchronized|native|default|override|readonly|async)\\s++");
    private static final Pattern TYPED = Pattern.compile(
            "(?:<[^>]*>\\s+)?([\\w.$]+(?:<[^()]*>)?(?:\\[\\])*)\\s+(\\w+)\\s*\\(");
    private static final Set<String> NOT_A_TYPE = Set.of("return", "new", "throw", "else", "case", "yield", "await",
            "typeof", "delete", "in", "of", "instanceof", "assert", "goto", "import", "package");

    private RelatedChanges() {
    }

    /** The kind of a fact. */
    public enum Kind {
        /** One identifier replaced by another, the same way in every changed line. */
        RENAME,
        /** The declaration line of a function or method changed (its parameters, its return type). */
        SIGNATURE
    }

    /**
     * One thing a side changed that the conflict may depend on.
     *
     * @param side       {@code ours} or {@code theirs}
     * @param kind       what kind of change
     * @param identifier the name the conflict uses (the old name of a rename, the declared name of a signature)
     * @param distance   lines between the change and the conflict in the conflicted file, or {@code -1} when it is
     *                   in another file
     * @param text       the fact as the prompt states it, one line
     */
    public record Fact(String side, Kind kind, String identifier, int distance, String text) {
    }

    /** One file's base and side version, as the side changed it. */
    public record FileChange(String path, String base, String side) {
    }

    /** One changed line on one side: where, and what it became. */
    private record Observation(String side, Kind kind, String from, String to, String name, String path, int line,
            int distance) {
    }

    /**
     * The other files a merge changed, base to ours and base to theirs, searched once when made. {@link #NONE} when
     * only the conflicted file is known (a corpus case).
     */
    public static final class Elsewhere {

        /** No other files. */
        public static final Elsewhere NONE = new Elsewhere(List.of(), List.of());

        /** At most this many changed files per side are searched. */
        public static final int MAX_FILES = 500;

        private static final int MAX_FILE_BYTES = 512 * 1024;

        private final List<Observation> ours;
        private final List<Observation> theirs;

        private Elsewhere(List<Observation> ours, List<Observation> theirs) {
            this.ours = ours;
            this.theirs = theirs;
        }

        /** The changes of each side, one per changed file. */
        public static Elsewhere of(List<FileChange> ours, List<FileChange> theirs) {
            return new Elsewhere(observeAll("ours", ours), observeAll("theirs", theirs));
        }

        /**
         * The other files of a merge: what each side changed from {@code base} to its tree, renames detected, binary
         * and very large files and added or deleted files left out, at most {@value #MAX_FILES} files per side.
         */
        public static Elsewhere fromTrees(Repository repository, ObjectId base, ObjectId ours, ObjectId theirs)
                throws IOException {
            if (base == null || ours == null || theirs == null || !repository.getObjectDatabase().has(base)) {
                // A criss-cross merge's virtual base lives only in the merge's memory: no other files then.
                return NONE;
            }
            return new Elsewhere(observed(repository, "ours", base, ours), observed(repository, "theirs", base,
                    theirs));
        }

        /**
         * What one side changed in its files, observed one file at a time as the diff is read: only the observations
         * are kept, never the files' texts (hundreds of files of a forward merge would otherwise be held at once).
         */
        private static List<Observation> observed(Repository repository, String sideName, ObjectId base,
                ObjectId side) throws IOException {
            List<Observation> out = new ArrayList<>();
            int files = 0;
            try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE);
                    ObjectReader reader = repository.newObjectReader()) {
                diff.setRepository(repository);
                diff.setDetectRenames(true);
                for (DiffEntry entry : diff.scan(base, side)) {
                    if (entry.getChangeType() != DiffEntry.ChangeType.MODIFY
                            && entry.getChangeType() != DiffEntry.ChangeType.RENAME) {
                        continue;
                    }
                    if (entry.getOldMode().getObjectType() != Constants.OBJ_BLOB
                            || entry.getNewMode().getObjectType() != Constants.OBJ_BLOB) {
                        continue;
                    }
                    String before = text(reader, entry.getOldId().toObjectId());
                    String after = before == null ? null : text(reader, entry.getNewId().toObjectId());
                    if (after != null) {
                        out.addAll(observe(sideName, entry.getNewPath(), before, after, -1, -1));
                        files++;
                    }
                    if (files == MAX_FILES) {
                        break;
                    }
                }
            }
            return List.copyOf(out);
        }

        private static String text(ObjectReader reader, ObjectId id) throws IOException {
            ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
            if (loader.getSize() > MAX_FILE_BYTES) {
                return null;
            }
            byte[] bytes = loader.getBytes();
            return RawText.isBinary(bytes) ? null : new String(bytes, StandardCharsets.UTF_8);
        }

        private static List<Observation> observeAll(String side, List<FileChange> files) {
            List<Observation> out = new ArrayList<>();
            for (FileChange f : files) {
                out.addAll(observe(side, f.path(), f.base(), f.side(), -1, -1));
            }
            return List.copyOf(out);
        }

        private List<Observation> of(String side, String excludedPath) {
            return ("ours".equals(side) ? ours : theirs).stream().filter(o -> !o.path().equals(excludedPath))
                    .toList();
        }
    }

    /** The names (identifiers that are not keywords) that occur in {@code lines}, in order of first occurrence. */
    public static Set<String> identifiers(Collection<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            for (String token : tokens(line)) {
                if (isName(token)) {
                    names.add(token);
                }
            }
        }
        return names;
    }

    /**
     * The facts about {@code names} that one side changed in {@code path} outside base lines {@code [from, to)}
     * (0-based) or in the other files of {@code elsewhere}; same-file facts nearest first, then the others, most
     * widespread first; at most {@code max}.
     */
    public static List<Fact> find(String path, String base, String ours, String theirs, int from, int to,
            Set<String> names, Elsewhere elsewhere, int max) {
        Map<String, List<Observation>> bySide = new LinkedHashMap<>();
        for (String side : List.of("ours", "theirs")) {
            List<Observation> all = new ArrayList<>(observe(side, path, base, "ours".equals(side) ? ours : theirs,
                    from, to));
            all.addAll(elsewhere.of(side, path));
            bySide.put(side, all);
        }
        List<Fact> facts = new ArrayList<>();
        facts.addAll(facts("ours", bySide.get("ours"), bySide.get("theirs"), names));
        facts.addAll(facts("theirs", bySide.get("theirs"), bySide.get("ours"), names));
        facts.sort(Comparator.comparingInt((Fact f) -> f.distance() < 0 ? Integer.MAX_VALUE : f.distance()));
        return facts.size() > max ? List.copyOf(facts.subList(0, max)) : List.copyOf(facts);
    }

    private static List<Fact> facts(String side, List<Observation> mine, List<Observation> other, Set<String> names) {
        List<Fact> facts = new ArrayList<>();
        // Renames: one old name to one new name on this side, not the same rename on the other side.
        Map<String, Set<String>> targets = new HashMap<>();
        Set<String> otherRenames = new HashSet<>();
        for (Observation o : mine) {
            if (o.kind() == Kind.RENAME) {
                targets.computeIfAbsent(o.from(), k -> new LinkedHashSet<>()).add(o.to());
            }
        }
        for (Observation o : other) {
            if (o.kind() == Kind.RENAME) {
                otherRenames.add(o.from() + "\u0000" + o.to());
            }
        }
        Map<String, List<Observation>> renames = new LinkedHashMap<>();
        for (Observation o : mine) {
            if (o.kind() == Kind.RENAME && targets.get(o.from()).size() == 1
                    && !otherRenames.contains(o.from() + "\u0000" + o.to())
                    && (names.contains(o.from()) || names.contains(o.to()))) {
                renames.computeIfAbsent(o.from(), k -> new ArrayList<>()).add(o);
            }
        }
        for (List<Observation> group : renames.values()) {
            group.sort(Comparator.comparingInt((Observation o) -> o.distance() < 0 ? Integer.MAX_VALUE : o.distance()));
            Observation first = group.get(0);
            long files = group.stream().map(Observation::path).distinct().count();
            StringBuilder text = new StringBuilder().append(side).append(" renamed `").append(first.from())
                    .append("` to `").append(first.to()).append("` in ").append(first.path()).append(':')
                    .append(first.line());
            if (group.size() > 1) {
                text.append(" (").append(group.size()).append(" changed lines in ").append(files)
                        .append(files == 1 ? " file" : " files");
                List<String> others = group.stream().filter(o -> !o.path().equals(first.path()))
                        .collect(java.util.stream.Collectors.toMap(Observation::path, o -> o.path() + ":" + o.line(),
                                (x, y) -> x, LinkedHashMap::new))
                        .values().stream().limit(2).toList();
                if (!others.isEmpty()) {
                    text.append(", also ").append(String.join(", ", others));
                }
                text.append(')');
            }
            if (names.contains(first.from())) {
                text.append("; the conflict uses the old name `").append(first.from()).append('`');
            }
            facts.add(new Fact(side, Kind.RENAME, first.from(), first.distance(), text.toString()));
        }
        // Declarations: each changed declaration of a name the conflict uses, unless the other side made it too.
        Set<String> otherSignatures = new HashSet<>();
        for (Observation o : other) {
            if (o.kind() == Kind.SIGNATURE) {
                otherSignatures.add(o.from() + "\u0000" + o.to());
            }
        }
        Set<String> seen = new HashSet<>();
        for (Observation o : mine) {
            if (o.kind() == Kind.SIGNATURE && names.contains(o.name())
                    && !otherSignatures.contains(o.from() + "\u0000" + o.to())
                    && seen.add(o.name() + "\u0000" + o.from() + "\u0000" + o.to())) {
                facts.add(new Fact(side, Kind.SIGNATURE, o.name(), o.distance(), side + " changed the declaration of `"
                        + o.name() + "` in " + o.path() + ":" + o.line() + " from `" + o.from() + "` to `" + o.to()
                        + "`"));
            }
        }
        return facts;
    }

    /**
     * What {@code side} changed from {@code base} that looks like a rename or a changed declaration, outside base
     * lines {@code [from, to)} ({@code from < 0}: everywhere, distance {@code -1}).
     */
    private static List<Observation> observe(String sideName, String path, String base, String side, int from,
            int to) {
        if (base == null || side == null) {
            return List.of();
        }
        RawText a = new RawText(base.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(side.getBytes(StandardCharsets.UTF_8));
        List<Edit> edits = BoundedDiff.histogram()
                .diff(RawTextComparator.WS_IGNORE_CHANGE, a, b);
        List<Observation> out = new ArrayList<>();
        for (Edit e : edits) {
            if (e.getType() != Edit.Type.REPLACE || e.getLengthA() > MAX_EDIT_LINES || e.getLengthB() > MAX_EDIT_LINES) {
                continue;
            }
            int distance = -1;
            if (from >= 0) {
                if (e.getBeginA() < to && e.getEndA() > from) {
                    continue; // the conflict itself: shown as the hunk
                }
                distance = e.getEndA() <= from ? from - e.getEndA() + 1 : e.getBeginA() - to + 1;
            }
            boolean[] used = new boolean[e.getLengthB()];
            for (int i = e.getBeginA(); i < e.getEndA(); i++) {
                String removed = a.getString(i);
                String declared = declaredName(removed);
                for (int j = e.getBeginB(); j < e.getEndB(); j++) {
                    if (used[j - e.getBeginB()]) {
                        continue;
                    }
                    String added = b.getString(j);
                    String[] rename = rename(removed, added);
                    if (rename != null) {
                        used[j - e.getBeginB()] = true;
                        out.add(new Observation(sideName, Kind.RENAME, rename[0], rename[1], rename[0], path, j + 1,
                                distance));
                        break;
                    }
                    if (declared != null && declared.equals(declaredName(added))
                            && !removed.strip().equals(added.strip())) {
                        used[j - e.getBeginB()] = true;
                        out.add(new Observation(sideName, Kind.SIGNATURE, declaration(removed), declaration(added),
                                declared, path, j + 1, distance));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** {@code [old, new]} when the lines differ only in one name replaced by another, else {@code null}. */
    static String[] rename(String removed, String added) {
        List<String> x = tokens(removed);
        List<String> y = tokens(added);
        if (x.size() != y.size()) {
            return null;
        }
        String from = null;
        String to = null;
        for (int k = 0; k < x.size(); k++) {
            if (x.get(k).equals(y.get(k))) {
                continue;
            }
            if (!isName(x.get(k)) || !isName(y.get(k))) {
                return null;
            }
            if (from == null) {
                from = x.get(k);
                to = y.get(k);
            } else if (!from.equals(x.get(k)) || !to.equals(y.get(k))) {
                return null;
            }
        }
        return from == null ? null : new String[] {from, to};
    }

    /** The name a line declares as a function or method, or {@code null} when it does not look like one. */
    static String declaredName(String line) {
        Matcher m = PY_DEF.matcher(line);
        if (m.find()) {
            return m.group(1);
        }
        m = GO_FUNC.matcher(line);
        if (m.find()) {
            return m.group(1);
        }
        m = afterRepeats(line, KOTLIN_WORD, KOTLIN_FUN);
        if (m != null) {
            return m.group(1);
        }
        m = JS_FUNCTION.matcher(line);
        if (m.find()) {
            return m.group(1);
        }
        m = afterRepeats(line, MODIFIER, TYPED);
        if (m != null) {
            String type = m.group(1);
            String name = m.group(2);
            if (NOT_A_TYPE.contains(type) || KEYWORDS.contains(name)) {
                return null;
            }
            return name;
        }
        return null;
    }

    /**
     * What {@code ^\\s*(?:REPEAT)*REST} finds, as a matcher of {@code rest} (its groups are the answer), or
     * {@code null}. The repetitions are read once, then {@code rest} is tried after as many of them as possible
     * first, then fewer, which is the order backtracking tries them in (giving back part of one repetition never
     * helps: a repetition ends in spaces and starts with a word character). Each try stops early unless the text
     * there starts what {@code rest} needs, so the whole is linear in the line's length.
     */
    private static Matcher afterRepeats(String line, Pattern repeat, Pattern rest) {
        int p = 0;
        while (p < line.length() && isSpace(line.charAt(p))) {
            p++;
        }
        int[] starts = new int[8];
        int count = 0;
        Matcher r = repeat.matcher(line);
        while (true) {
            if (count == starts.length) {
                starts = java.util.Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = p;
            r.region(p, line.length());
            if (!r.lookingAt() || r.end() == p) {
                break;
            }
            p = r.end();
        }
        Matcher m = rest.matcher(line);
        for (int k = count - 1; k >= 0; k--) {
            m.region(starts[k], line.length());
            if (m.lookingAt()) {
                return m;
            }
        }
        return null;
    }

    /** Java's regular expression {@code \\s}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static String declaration(String line) {
        String s = line.strip();
        if (s.endsWith("{")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        if (s.endsWith(":")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /**
     * The tokens of a line: string literals (backslash escapes), identifiers, numbers, and single other characters;
     * spaces separate. What {@code "(?:\\\\.|[^"\\\\])*"|'(?:\\\\.|[^'\\\\])*'|[A-Za-z_$][A-Za-z0-9_$]*|[0-9][A-Za-z0-9_.]*|\\S}
     * found, in linear time: that expression recursed once per character of a literal (a stack overflow on a long
     * one) and took quadratic time on {@code \\"\\"\\"...}.
     */
    static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        int n = line.length();
        // Per quote kind, where the last literal without an end gave up (see ImportUnionStrategy.withoutStrings).
        int failedDouble = -1;
        int failedSingle = -1;
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            int end;
            if ((c == '"' || c == '\'') && i > (c == '"' ? failedDouble : failedSingle)) {
                end = literalEnd(line, i);
                if (end < 0) {
                    if (c == '"') {
                        failedDouble = -end - 1;
                    } else {
                        failedSingle = -end - 1;
                    }
                    end = i + 1; // the quote alone, as \\S
                }
            } else if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '$') {
                end = i + 1;
                while (end < n && (isAsciiAlphanumeric(line.charAt(end)) || line.charAt(end) == '_'
                        || line.charAt(end) == '$')) {
                    end++;
                }
            } else if (c >= '0' && c <= '9') {
                end = i + 1;
                while (end < n && (isAsciiAlphanumeric(line.charAt(end)) || line.charAt(end) == '_'
                        || line.charAt(end) == '.')) {
                    end++;
                }
            } else if (isSpace(c)) {
                i++;
                continue;
            } else {
                end = i + Character.charCount(line.codePointAt(i)); // \\S takes a whole code point
            }
            tokens.add(line.substring(i, end));
            i = end;
        }
        return tokens;
    }

    /** The index after the literal starting at {@code i}, or {@code -(where it gave up) - 1}. */
    private static int literalEnd(String line, int i) {
        char quote = line.charAt(i);
        int j = i + 1;
        while (j < line.length() && line.charAt(j) != quote) {
            if (line.charAt(j) == '\\') {
                if (j + 1 == line.length() || isLineTerminator(line.charAt(j + 1))) {
                    return -j - 1; // an escape needs a character other than a line terminator ('.')
                }
                j++;
            }
            j++;
        }
        return j < line.length() ? j + 1 : -j - 1;
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean isName(String token) {
        return IDENTIFIER.matcher(token).matches() && !KEYWORDS.contains(token);
    }
}
