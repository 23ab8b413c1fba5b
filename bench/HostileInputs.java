import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.truce.conflict.ConflictModelBuilder;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileVersions;
import dev.truce.repoconfig.Limits;
import dev.truce.repoconfig.Mode;
import dev.truce.repoconfig.RepoConfig;
import dev.truce.resolve.FileResolution;
import dev.truce.resolve.HunkOutcome;
import dev.truce.resolve.Resolver;
import dev.truce.strategy.ReceivingSide;
import dev.truce.strategy.Strategies;

/**
 * Times the security review's hostile inputs (issue 8) through the engine's public API and prints one line: case,
 * size, chain, seconds, outcome. Not a test: it prints, it never fails. Run by bench/hostile-inputs.sh, one JVM per
 * case. Arguments: CASE SIZE [opt | nocap] ("opt": with the opt-in strategies; "nocap": without the resolver's
 * line-length limit, to time the parsers themselves; an engine without the limit ignores it).
 */
public class HostileInputs {
    static boolean noCap;
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int n = Integer.parseInt(args[1]);
        boolean optIns = args.length > 2 && args[2].equals("opt");
        noCap = args.length > 2 && args[2].equals("nocap");
        long start = System.nanoTime();
        String result;
        try {
            result = switch (kind) {
                case "script-import" -> resolve("src/app.js", "import a from 'a';\n",
                        "import a from 'a';\nimport" + " ".repeat(n) + "x\n", "import a from 'a';\nimport b from 'b';\n", optIns);
                case "pom-line" -> {
                    String longLine = "<" + "a".repeat(n) + "\n";
                    yield resolve("pom.xml", pom("1.0", longLine), pom("1.1", longLine), pom("1.2", longLine), optIns);
                }
                case "version-line" -> {
                    String v = "1" + ".1".repeat(n / 2);
                    yield resolve("gradle.properties", "version=1.0\n", "version=" + v + "\n", "version=2." + v + "\n", optIns);
                }
                case "key-at-end" -> {
                    String line = "a".repeat(n) + "# 1.2.3";
                    yield resolve("gradle.properties", "x=1.0\n" + line + "\n", "x=1.1\n" + line + " 1.2.4\n",
                            "x=1.2\n" + line + " 1.2.5\n", optIns);
                }
                case "pom-far" -> {
                    String longLine = "<" + "a".repeat(n) + "\n";
                    String gap = "  <!-- filler -->\n".repeat(60);
                    yield resolve("pom.xml", pom("1.0", gap + longLine), pom("1.1", gap + longLine), pom("1.2", gap + longLine), optIns);
                }
                case "script-far" -> {
                    String code = "\nfunction f() { return a(b, c); }\n" + "// filler\n".repeat(60) + "import" + " ".repeat(n) + "x\n";
                    yield resolve("src/app.js", "import a from 'a';\n" + code, "import a from 'a';\nimport b from 'b';\n" + code,
                            "import a from 'a';\nimport c from 'c';\n" + code, optIns);
                }
                case "glob" -> {
                    String glob = "**a".repeat(n) + "**ab";
                    RepoConfig config = new RepoConfig(Mode.FIX_PR, List.of(glob), Limits.DEFAULT, List.of(), List.of());
                    yield "ignores=" + config.ignores("a".repeat(100));
                }
                default -> throw new IllegalArgumentException(kind);
            };
        } catch (Throwable e) {
            result = e.getClass().getSimpleName();
        }
        System.out.printf("%-14s %8d %-9s %9.2f s  %s%n", kind, n, optIns ? "opt-ins" : noCap ? "no-cap" : "defaults",
                (System.nanoTime() - start) / 1e9, result);
    }

    static String pom(String version, String extra) {
        return "<project>\n  <version>" + version + "</version>\n" + extra + "</project>\n";
    }

    static String resolve(String path, String base, String ours, String theirs, boolean optIns) {
        ConflictedFile file = new ConflictModelBuilder().build(new FileVersions(path, bytes(base), bytes(ours), bytes(theirs)));
        List<dev.truce.strategy.ResolutionStrategy> chain = optIns ? Strategies.select(ReceivingSide.OURS,
                List.of("list-insertion", "whitespace-carry"), List.of()) : Strategies.defaults();
        Resolver resolver;
        try {
            resolver = noCap ? Resolver.class.getConstructor(List.class, int.class).newInstance(chain, Integer.MAX_VALUE)
                    : new Resolver(chain);
        } catch (ReflectiveOperationException e) {
            resolver = new Resolver(chain); // the old engine has no line-length cap
        }
        FileResolution r = resolver.resolve(file);
        StringBuilder out = new StringBuilder();
        for (HunkOutcome o : r.outcomes()) {
            String reason = o.reason();
            out.append(o.status().label()).append(" (").append(reason.length() > 110 ? reason.substring(0, 110) + "..." : reason).append(") ");
        }
        return out.toString();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
