package dev.truce.observe;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link ResolutionMetrics} as Micrometer meters (Prometheus names in brackets):
 * <ul>
 * <li>{@value #FILES} ({@code truce_resolution_files_total}), tag {@code outcome}: resolved, partly_resolved,
 * unresolved, regenerate, ignored, unsupported;</li>
 * <li>{@value #HUNKS} ({@code truce_resolution_hunks_total}), tags {@code outcome} (resolved, declined, regenerate)
 * and {@code decided_by} (the strategy's name, {@code model:<name>}, or {@code none});</li>
 * <li>{@value #VALIDATIONS} ({@code truce_validation_runs_seconds}), a timer, tag {@code outcome}: passed, failed,
 * timed_out, error.</li>
 * </ul>
 * Strategy and model names are the operator's and the code's, so the tags stay few.
 */
public final class MicrometerResolutionMetrics implements ResolutionMetrics {

    /** Conflicted files by outcome. */
    public static final String FILES = "truce.resolution.files";
    /** Hunks by outcome and by the strategy or model that decided. */
    public static final String HUNKS = "truce.resolution.hunks";
    /** Validation runs by result, with their duration. */
    public static final String VALIDATIONS = "truce.validation.runs";

    private final MeterRegistry registry;

    /** Meters in {@code registry}. */
    public MicrometerResolutionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void file(FileOutcome outcome) {
        Counter.builder(FILES).description("Conflicted files of resolved pull requests, by outcome")
                .tag("outcome", outcome.tag()).register(registry).increment();
    }

    @Override
    public void hunk(HunkResult outcome, String decidedBy) {
        Counter.builder(HUNKS).description("Conflict hunks by outcome and by the strategy or model that decided")
                .tag("outcome", outcome.tag()).tag("decided_by", decidedBy == null || decidedBy.isBlank() ? "none"
                        : decidedBy)
                .register(registry).increment();
    }

    @Override
    public void validation(ValidationResult outcome, Duration took) {
        Timer.builder(VALIDATIONS).description("Validation runs (build and tests of a resolution), by result")
                .tag("outcome", outcome.tag()).register(registry).record(took);
    }
}
