package dev.truce.validate;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the in-process checks found in one resolved file.
 *
 * @param path     the file
 * @param applied  the checks that ran and decided, passed or failed
 * @param skipped  the checks that did not apply, each with the reason (not a format Truce parses, a side
 *                 that does not parse either, ...)
 * @param failures the failures, in check order and then by line; empty when the file passed
 */
public record FileCheckResult(String path, Set<Check> applied, Map<Check, String> skipped,
        List<CheckFailure> failures) {

    public FileCheckResult {
        applied = Set.copyOf(applied);
        skipped = Map.copyOf(skipped);
        failures = List.copyOf(failures);
    }

    /** Whether no check failed. */
    public boolean passed() {
        return failures.isEmpty();
    }

    /** Whether the given check failed. */
    public boolean failed(Check check) {
        return failures.stream().anyMatch(f -> f.check() == check);
    }
}
