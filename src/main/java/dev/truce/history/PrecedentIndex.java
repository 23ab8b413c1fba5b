package dev.truce.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.LineEndings;
import dev.truce.context.Precedent;
import dev.truce.context.Precedents;

/**
 * A repository's earlier resolutions, searchable by file and by how alike their lines are. Lines are compared
 * trimmed, blank lines left out, and every run of digits counts as one digit: the same header line changed to another
 * year in many files, or a version raised in many modules, is one habit.
 *
 * <p>Time order is kept here: {@link #olderThan(long)} offers only resolutions of merges committed strictly before a
 * time, so a merge is never resolved with what was decided after it. Immutable and thread-safe.
 */
public final class PrecedentIndex implements Precedents {

    /** A precedent's lines, at most this many per side, keep it; longer conflicts make poor examples. */
    public static final int MAX_SIDE_LINES = 40;

    /** Conflicts of other files are offered only when at least this alike. */
    static final double MIN_SIMILARITY_ELSEWHERE = 0.3;

    private final List<Precedent> all;
    private final List<Set<String>> shapes;
    private final Map<String, List<Integer>> byPath = new HashMap<>();
    private final Map<String, List<Integer>> byLine = new HashMap<>();
    private final long before;

    /** An index of {@code precedents}, all offered. */
    public PrecedentIndex(List<Precedent> precedents) {
        this(List.copyOf(precedents), Long.MAX_VALUE);
    }

    private PrecedentIndex(List<Precedent> precedents, long before) {
        this.all = precedents;
        this.before = before;
        this.shapes = new ArrayList<>(precedents.size());
        for (int i = 0; i < precedents.size(); i++) {
            Precedent p = precedents.get(i);
            Set<String> shape = shape(p.base(), p.ours(), p.theirs());
            shapes.add(shape);
            byPath.computeIfAbsent(p.path(), k -> new ArrayList<>()).add(i);
            for (String line : shape) {
                byLine.computeIfAbsent(line, k -> new ArrayList<>()).add(i);
            }
        }
    }

    /** The same resolutions, offering only those of merges committed strictly before {@code time} (epoch seconds). */
    public Precedents olderThan(long time) {
        PrecedentIndex outer = this;
        return new Precedents() {
            @Override
            public List<Match> find(String path, ConflictHunk hunk, int max) {
                return outer.find(path, hunk, max, Math.min(time, before));
            }

            @Override
            public List<Precedent> ofFile(String path, int max) {
                return outer.ofFile(path, max, Math.min(time, before));
            }
        };
    }

    /** How many resolutions the index holds. */
    public int size() {
        return all.size();
    }

    /** Every resolution, oldest first as given. */
    public List<Precedent> precedents() {
        return all;
    }

    @Override
    public List<Match> find(String path, ConflictHunk hunk, int max) {
        return find(path, hunk, max, before);
    }

    @Override
    public List<Precedent> ofFile(String path, int max) {
        return ofFile(path, max, before);
    }

    private List<Precedent> ofFile(String path, int max, long olderThan) {
        List<Precedent> out = new ArrayList<>();
        List<Integer> indices = byPath.getOrDefault(path, List.of());
        // Indices follow the given order, oldest first: walk back from the latest.
        for (int k = indices.size() - 1; k >= 0 && out.size() < max; k--) {
            Precedent p = all.get(indices.get(k));
            if (p.mergeTime() < olderThan) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparingLong(Precedent::mergeTime).reversed());
        return out;
    }

    private List<Match> find(String path, ConflictHunk hunk, int max, long olderThan) {
        if (max <= 0 || all.isEmpty()) {
            return List.of();
        }
        Set<String> query = shape(hunk.base(), hunk.ours(), hunk.theirs());
        Set<Integer> candidates = new HashSet<>(byPath.getOrDefault(path, List.of()));
        for (String line : query) {
            List<Integer> holders = byLine.get(line);
            // A line hundreds of conflicts share (a brace, "}") says nothing about which are alike.
            if (holders != null && holders.size() <= 500) {
                candidates.addAll(holders);
            }
        }
        List<Match> matches = new ArrayList<>();
        for (int i : candidates) {
            Precedent p = all.get(i);
            if (p.mergeTime() >= olderThan) {
                continue;
            }
            boolean samePath = p.path().equals(path);
            double similarity = jaccard(query, shapes.get(i));
            if (samePath || similarity >= MIN_SIMILARITY_ELSEWHERE) {
                matches.add(new Match(p, samePath, similarity));
            }
        }
        matches.sort(Match.RELEVANCE);
        return List.copyOf(matches.subList(0, Math.min(max, matches.size())));
    }

    /** The trimmed, digit-folded, non-blank lines of a conflict's three sides. */
    static Set<String> shape(List<String> base, List<String> ours, List<String> theirs) {
        Set<String> shape = new HashSet<>();
        for (List<String> side : List.of(base, ours, theirs)) {
            for (String line : side) {
                String s = fold(LineEndings.content(line).strip());
                if (!s.isEmpty()) {
                    shape.add(s);
                }
            }
        }
        return shape;
    }

    /** Every run of digits as one {@code 0}, in linear time. */
    private static String fold(String line) {
        StringBuilder out = new StringBuilder(line.length());
        boolean inDigits = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit) {
                out.append(c);
            } else if (!inDigits) {
                out.append('0');
            }
            inDigits = digit;
        }
        return out.toString();
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int common = 0;
        for (String s : a.size() < b.size() ? a : b) {
            if ((a.size() < b.size() ? b : a).contains(s)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }
}
