package dev.truce.validate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.truce.validate.JavaParser.Parsed;

/**
 * The in-process checks of one resolved file: cheap (a parse or two, no process, no file), precise, and run on
 * every resolution before it is written or proposed.
 * <ul>
 * <li>{@link Check#MARKERS}: no conflict marker in the result that neither side had;</li>
 * <li>{@link Check#SYNTAX}: the result still parses as Java (the JDK's parser), XML (no DTD or external entity
 * loaded), JSON, YAML (safe loader, every document), TOML or properties, judged by the file's name; it applies
 * only when both sides parse, so a file that never parsed (a template named {@code .xml}, YAML with Jinja) is not
 * held against the resolution;</li>
 * <li>{@link Check#IMPORTS}: Java only, the import mistakes javac would reject that the file and its sides settle
 * (see {@link JavaImports}).</li>
 * </ul>
 * Every check fails a result only for something neither side had. Instances are thread-safe; Java parses are
 * serialised, so callers that check many files in parallel use one instance per thread.
 */
public final class FileChecks {

    /** Made at the first Java file: javac's start (its file manager, hundreds of classes) is for Java only. */
    private volatile JavaParser java;

    /** Runs every check that applies to the file. */
    public FileCheckResult check(ResolvedFile file) {
        Set<Check> applied = EnumSet.noneOf(Check.class);
        Map<Check, String> skipped = new EnumMap<>(Check.class);
        List<CheckFailure> failures = new ArrayList<>();

        applied.add(Check.MARKERS);
        ConflictMarkers.newMarkers(file).forEach(d -> failures.add(new CheckFailure(Check.MARKERS, d)));

        Optional<Syntax> syntax = Syntax.of(file.path());
        if (syntax.isEmpty()) {
            skipped.put(Check.SYNTAX, "no parser for this kind of file");
        } else if (syntax.get() == Syntax.JAVA) {
            checkJava(file, applied, skipped, failures);
        } else {
            checkSyntax(file, syntax.get(), applied, skipped, failures);
        }
        if (syntax.isEmpty() || syntax.get() != Syntax.JAVA) {
            skipped.put(Check.IMPORTS, "not a Java file");
        }
        return new FileCheckResult(file.path(), applied, skipped, failures);
    }

    private static void checkSyntax(ResolvedFile file, Syntax syntax, Set<Check> applied, Map<Check, String> skipped,
            List<CheckFailure> failures) {
        if (file.sides().isEmpty()) {
            skipped.put(Check.SYNTAX, "no side to compare with");
            return;
        }
        for (int dialect = 0; dialect < syntax.dialects(); dialect++) {
            Optional<Diagnostic> error = syntax.firstError(file.path(), file.result(), dialect);
            if (error.isEmpty()) {
                applied.add(Check.SYNTAX);
                return;
            }
            int d = dialect;
            if (file.sides().stream().allMatch(side -> syntax.firstError(file.path(), side, d).isEmpty())) {
                applied.add(Check.SYNTAX);
                failures.add(new CheckFailure(Check.SYNTAX, explained(error.get(), syntax.dialect(dialect))));
                return;
            }
        }
        skipped.put(Check.SYNTAX, "a side does not parse as " + syntax.dialect(syntax.dialects() - 1) + " either");
    }

    /**
     * Starts javac on another thread now, for a command that checks Java files after other work (opening the
     * repository, the merge, the strategies): javac's start and first parse, about a tenth of a second, then
     * overlap that work instead of following it. Does nothing when javac is unavailable; a check that comes first
     * waits for it.
     */
    public void startJava() {
        Thread start = new Thread(() -> {
            JavaParser parser = java();
            if (parser.unavailable() == null) {
                parser.parse("Start.java", "class Start {}");
            }
        }, "truce-javac-start");
        start.setDaemon(true); // a command that ends before it needs no javac does not wait for it
        start.start();
    }

    /** Whether a Java file was checked, so javac was started. */
    boolean startedJava() {
        return java != null;
    }

    private JavaParser java() {
        JavaParser parser = java;
        if (parser == null) {
            synchronized (this) {
                if (java == null) {
                    java = new JavaParser();
                }
                parser = java;
            }
        }
        return parser;
    }

    private void checkJava(ResolvedFile file, Set<Check> applied, Map<Check, String> skipped,
            List<CheckFailure> failures) {
        JavaParser java = java();
        if (java.unavailable() != null) {
            skipped.put(Check.SYNTAX, java.unavailable());
            skipped.put(Check.IMPORTS, java.unavailable());
            return;
        }
        if (file.sides().isEmpty()) {
            skipped.put(Check.SYNTAX, "no side to compare with");
            skipped.put(Check.IMPORTS, "no side to compare with");
            return;
        }
        Parsed result = java.parse(file.path(), file.result());
        // The sides are parsed only when the result gives a reason to look at them.
        if (!result.parses()) {
            Parsed ours = parseSide(file.path(), file.ours());
            Parsed theirs = parseSide(file.path(), file.theirs());
            if (bothParse(ours, theirs)) {
                applied.add(Check.SYNTAX);
                failures.add(new CheckFailure(Check.SYNTAX, explained(result.errors().get(0), "Java")));
            } else {
                skipped.put(Check.SYNTAX, "a side does not parse as Java either");
            }
            skipped.put(Check.IMPORTS, "the result does not parse");
            return;
        }
        applied.add(Check.SYNTAX);
        applied.add(Check.IMPORTS);
        List<JavaImports.Side> sides = new ArrayList<>();
        if (file.ours() != null) {
            sides.add(new JavaImports.Side("ours", file.ours(), text -> java.parse(file.path(), text)));
        }
        if (file.theirs() != null) {
            sides.add(new JavaImports.Side("theirs", file.theirs(), text -> java.parse(file.path(), text)));
        }
        JavaImports.clashes(file.path(), result, sides).forEach(d -> failures.add(new CheckFailure(Check.IMPORTS, d)));
        JavaImports.dropped(file, result, sides).forEach(d -> failures.add(new CheckFailure(Check.IMPORTS, d)));
    }

    private Parsed parseSide(String path, String text) {
        return text == null ? null : java().parse(path, text);
    }

    private static boolean bothParse(Parsed ours, Parsed theirs) {
        return (ours == null || ours.parses()) && (theirs == null || theirs.parses());
    }

    private static Diagnostic explained(Diagnostic error, String dialect) {
        String where = error.line() > 0 ? "line " + error.line() + ": " : "";
        return new Diagnostic(error.path(), error.line(), error.column(), error.severity(),
                "does not parse as " + dialect + " (both sides do): " + where + error.message(), error.source());
    }
}
