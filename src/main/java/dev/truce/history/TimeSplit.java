package dev.truce.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.truce.eval.EvalCase;

/**
 * Each repository's cases split by merge time: the older half of its merges to learn from (calibration), the newer
 * half to measure on. All files of one merge fall on the same side; cases of an unknown time count as oldest.
 *
 * @param older per repository, the cases of its older merges
 * @param newer per repository, the cases of its newer merges, in the order they were given
 */
public record TimeSplit(Map<String, List<EvalCase>> older, Map<String, List<EvalCase>> newer) {

    /** Splits {@code cases} per repository ({@link EvalCase#repository()}). */
    public static TimeSplit of(List<EvalCase> cases) {
        Map<String, List<EvalCase>> byRepo = new LinkedHashMap<>();
        cases.forEach(c -> byRepo.computeIfAbsent(c.repository(), r -> new ArrayList<>()).add(c));
        Map<String, List<EvalCase>> older = new LinkedHashMap<>();
        Map<String, List<EvalCase>> newer = new LinkedHashMap<>();
        byRepo.forEach((repo, repoCases) -> {
            // Merges by time (ties by id, so the split is the same on every run).
            Map<String, Long> mergeTimes = new TreeMap<>();
            repoCases.forEach(c -> mergeTimes.merge(c.merge(), c.mergeTime(), Math::max));
            List<String> merges = new ArrayList<>(mergeTimes.keySet());
            merges.sort(Comparator.comparing((String m) -> mergeTimes.get(m)).thenComparing(m -> m));
            java.util.Set<String> early = new java.util.HashSet<>(merges.subList(0, merges.size() / 2));
            older.put(repo, repoCases.stream().filter(c -> early.contains(c.merge())).toList());
            newer.put(repo, repoCases.stream().filter(c -> !early.contains(c.merge())).toList());
        });
        return new TimeSplit(older, newer);
    }

    /** Every newer case, repository by repository. */
    public List<EvalCase> evaluated() {
        return newer.values().stream().flatMap(List::stream).toList();
    }
}
