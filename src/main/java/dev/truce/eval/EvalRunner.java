package dev.truce.eval;

import java.util.List;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.Resolver;

/** Runs the engine over cases, one file at a time, the same way {@code truce resolve} does. */
public final class EvalRunner {

    private final ConflictModelBuilder builder;
    private final Resolver resolver;

    /** A runner with the default model builder and strategies. */
    public EvalRunner() {
        this(new ConflictModelBuilder(), new Resolver());
    }

    /** A runner with the given builder and resolver. */
    public EvalRunner(ConflictModelBuilder builder, Resolver resolver) {
        this.builder = builder;
        this.resolver = resolver;
    }

    /** Runs one case; a case the engine cannot process becomes a result with an error, never an exception. */
    public CaseResult run(EvalCase evalCase) {
        try {
            ConflictedFile file = builder.build(evalCase.versions(), evalCase.kind(), null);
            FileResolution resolution = resolver.resolve(file);
            return new CaseResult(evalCase, resolution, resolution.resolvedText(), null);
        } catch (RuntimeException e) {
            return new CaseResult(evalCase, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Runs all cases in order. */
    public List<CaseResult> runAll(List<EvalCase> cases) {
        return cases.stream().map(this::run).toList();
    }
}
