package dev.truce.validate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Prints what the in-process checks cost per file on generated resolved files of each kind, beside a reference
 * measured in the same run: reading the same file's bytes from disk (page cache warm). Not a test: it prints,
 * it never fails. Run it with bench/validate-bench.sh.
 */
final class FileChecksBenchmark {

    private FileChecksBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int perKind = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        run(perKind, rounds, System.out);
    }

    static void run(int perKind, int rounds, PrintStream out) throws IOException {
        Random random = new Random(42);
        Path dir = Files.createTempDirectory("truce-checks-bench-");
        try {
            out.printf(Locale.ROOT, "%-11s %6s %9s %12s %12s %8s%n", "kind", "files", "lines", "check us/f",
                    "read us/f", "ratio");
            List<List<ResolvedFile>> all = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                List<ResolvedFile> files = new ArrayList<>();
                for (int i = 0; i < perKind; i++) {
                    files.add(kind.generator.apply(random));
                }
                all.add(files);
                report(kind.name().toLowerCase(Locale.ROOT), files, rounds, dir, out);
            }
            List<ResolvedFile> mixed = all.stream().flatMap(List::stream).toList();
            report("all", mixed, rounds, dir, out);
        } finally {
            Checkout.delete(dir);
        }
    }

    private static void report(String name, List<ResolvedFile> files, int rounds, Path dir, PrintStream out)
            throws IOException {
        List<Path> paths = new ArrayList<>();
        long lines = 0;
        for (int i = 0; i < files.size(); i++) {
            Path path = dir.resolve(name + "-" + i);
            Files.writeString(path, files.get(i).result());
            paths.add(path);
            lines += files.get(i).result().lines().count();
        }
        FileChecks checks = new FileChecks();
        long bestCheck = Long.MAX_VALUE;
        long bestRead = Long.MAX_VALUE;
        int failed = 0;
        for (int round = 0; round <= rounds; round++) { // round 0 warms up
            long start = System.nanoTime();
            long bytes = 0;
            for (Path path : paths) {
                bytes += new String(Files.readAllBytes(path), StandardCharsets.UTF_8).length();
            }
            long read = System.nanoTime() - start;
            start = System.nanoTime();
            failed = 0;
            for (ResolvedFile file : files) {
                failed += checks.check(file).passed() ? 0 : 1;
            }
            long check = System.nanoTime() - start;
            if (round > 0) {
                bestCheck = Math.min(bestCheck, check);
                bestRead = Math.min(bestRead, read + (bytes < 0 ? 1 : 0));
            }
        }
        out.printf(Locale.ROOT, "%-11s %6d %9d %12.1f %12.1f %7.1fx%s%n", name, files.size(), lines / files.size(),
                bestCheck / 1000.0 / files.size(), bestRead / 1000.0 / files.size(), (double) bestCheck / bestRead,
                failed > 0 ? "   (" + failed + " failed a check, as generated)" : "");
    }

    private enum Kind {
        JAVA(FileChecksBenchmark::java),
        XML(FileChecksBenchmark::xml),
        JSON(FileChecksBenchmark::json),
        YAML(FileChecksBenchmark::yaml),
        TOML(FileChecksBenchmark::toml),
        PROPERTIES(FileChecksBenchmark::properties),
        MARKDOWN(FileChecksBenchmark::markdown);

        final Function<Random, ResolvedFile> generator;

        Kind(Function<Random, ResolvedFile> generator) {
            this.generator = generator;
        }
    }

    /** A class of 20 to 400 methods; ours and theirs each add one; every tenth result drops an import. */
    private static ResolvedFile java(Random random) {
        int methods = 20 + random.nextInt(380);
        boolean drop = random.nextInt(10) == 0;
        StringBuilder head = new StringBuilder("package app.generated;\n\nimport java.util.List;\nimport java.util.Map;\n");
        StringBuilder body = new StringBuilder("\npublic class Generated {\n");
        for (int i = 0; i < methods; i++) {
            body.append("    int m").append(i).append("(List<String> in, Map<String, Integer> seen) {\n")
                    .append("        int x = in.size() + seen.getOrDefault(\"k").append(i).append("\", 0);\n")
                    .append("        return x * ").append(i).append(";\n    }\n");
        }
        String ours = head + "import app.util.Helper;\n" + body + "    String a() { return Helper.name(); }\n}\n";
        String theirs = head + "import app.util.Helper;\n" + body + "    int b() { return 2; }\n}\n";
        String resultHead = drop ? head.toString() : head + "import app.util.Helper;\n";
        String result = resultHead + body + "    String a() { return Helper.name(); }\n    int b() { return 2; }\n}\n";
        int last = (int) result.lines().count();
        return new ResolvedFile("src/main/java/app/generated/Generated.java", result, null, ours, theirs,
                List.of(new LineRange(last - 2, last - 1), new LineRange(5, 5)));
    }

    private static ResolvedFile xml(Random random) {
        StringBuilder deps = new StringBuilder();
        for (int i = 0, n = 10 + random.nextInt(200); i < n; i++) {
            deps.append("    <dependency>\n      <groupId>org.example</groupId>\n      <artifactId>lib").append(i)
                    .append("</artifactId>\n      <version>1.").append(i).append("</version>\n    </dependency>\n");
        }
        String head = "<?xml version=\"1.0\"?>\n<project>\n  <dependencies>\n" + deps;
        String ours = head + "  </dependencies>\n  <name>ours</name>\n</project>\n";
        String theirs = head + "  </dependencies>\n  <name>theirs</name>\n</project>\n";
        String result = head + "  </dependencies>\n  <name>merged</name>\n</project>\n";
        return new ResolvedFile("pom.xml", result, null, ours, theirs, List.of());
    }

    private static ResolvedFile json(Random random) {
        StringBuilder deps = new StringBuilder();
        for (int i = 0, n = 10 + random.nextInt(200); i < n; i++) {
            deps.append(i == 0 ? "" : ",\n").append("    \"lib").append(i).append("\": \"^1.").append(i).append(".0\"");
        }
        String text = "{\n  \"name\": \"app\",\n  \"dependencies\": {\n" + deps + "\n  }\n}\n";
        return new ResolvedFile("package.json", text, null, text, text, List.of());
    }

    private static ResolvedFile yaml(Random random) {
        StringBuilder docs = new StringBuilder();
        for (int d = 0, n = 1 + random.nextInt(8); d < n; d++) {
            docs.append("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config").append(d).append("\ndata:\n");
            for (int i = 0; i < 20; i++) {
                docs.append("  key").append(i).append(": \"value ").append(i).append("\"\n");
            }
        }
        String text = docs.toString();
        return new ResolvedFile("deploy/config.yaml", text, null, text, text, List.of());
    }

    private static ResolvedFile toml(Random random) {
        StringBuilder text = new StringBuilder("[versions]\n");
        for (int i = 0, n = 10 + random.nextInt(100); i < n; i++) {
            text.append("lib").append(i).append(" = \"1.").append(i).append(".0\"\n");
        }
        return new ResolvedFile("gradle/libs.versions.toml", text.toString(), null, text.toString(), text.toString(),
                List.of());
    }

    private static ResolvedFile properties(Random random) {
        StringBuilder text = new StringBuilder("# generated\n");
        for (int i = 0, n = 10 + random.nextInt(200); i < n; i++) {
            text.append("app.key").append(i).append("=value \\u00e9 ").append(i).append('\n');
        }
        return new ResolvedFile("src/main/resources/messages.properties", text.toString(), null, text.toString(),
                text.toString(), List.of());
    }

    private static ResolvedFile markdown(Random random) {
        StringBuilder text = new StringBuilder("Title\n=======\n\n");
        for (int i = 0, n = 10 + random.nextInt(100); i < n; i++) {
            text.append("Section ").append(i).append("\n-------\n\nSome text about ").append(i).append(".\n\n");
        }
        return new ResolvedFile("docs/guide.md", text.toString(), null, text.toString(), text.toString(), List.of());
    }
}
