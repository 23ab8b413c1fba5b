package dev.truce.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictedFile;

/**
 * Seeded random version files and whitespace variations: whatever the strategies resolve must keep every
 * change that only one side made.
 */
class StrategiesRandomisedTest {

    private static final int CASES = 2000;

    @Test
    void versionBumpNeverDropsAVersionOnlyOneSideChanged() {
        Random random = new Random(20240611L);
        VersionBumpStrategy strategy = new VersionBumpStrategy();
        int resolved = 0;
        for (int n = 0; n < CASES; n++) {
            int count = 1 + random.nextInt(4);
            List<String> base = new ArrayList<>();
            List<String> ours = new ArrayList<>();
            List<String> theirs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String b = version(random);
                base.add(b);
                ours.add(random.nextBoolean() ? b : bump(random, b));
                theirs.add(random.nextBoolean() ? b : bump(random, b));
            }
            ConflictedFile file = HunkFixture.file("pom.xml", pom(base), pom(ours), pom(theirs));
            for (ConflictHunk hunk : file.hunks()) {
                if (strategy.resolve(file, hunk) instanceof Verdict.Resolved r) {
                    resolved++;
                    String merged = String.join("", r.lines());
                    for (int i = 0; i < count; i++) {
                        // A version only one side changed must survive.
                        if (ours.get(i).equals(base.get(i)) && !theirs.get(i).equals(base.get(i))) {
                            assertOnlyChangeKept(merged, hunk, i, theirs.get(i));
                        }
                        if (theirs.get(i).equals(base.get(i)) && !ours.get(i).equals(base.get(i))) {
                            assertOnlyChangeKept(merged, hunk, i, ours.get(i));
                        }
                    }
                }
            }
        }
        assertThat(resolved).as("the generator must produce resolvable cases").isGreaterThan(CASES / 10);
    }

    private static void assertOnlyChangeKept(String merged, ConflictHunk hunk, int artifact, String version) {
        String line = "<a" + artifact + ".version>" + version + "</a" + artifact + ".version>";
        boolean inHunk = hunk.ours().stream().anyMatch(l -> l.contains("<a" + artifact + ".version>"));
        if (inHunk) {
            assertThat(merged).as("hunk %s", hunk).contains(line);
        }
    }

    @Test
    void whitespaceNeverDropsTheOtherSidesContent() {
        Random random = new Random(7L);
        WhitespaceCarryStrategy strategy = new WhitespaceCarryStrategy();
        int resolved = 0;
        for (int n = 0; n < CASES; n++) {
            int count = 1 + random.nextInt(4);
            List<String> base = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                base.add("call" + random.nextInt(100) + "(" + i + ");");
            }
            String indent = random.nextBoolean() ? "\t" : "    ";
            String deeper = random.nextBoolean() ? indent + indent : indent;
            List<String> whitespaceSide = base.stream().map(l -> deeper + l + (random.nextInt(4) == 0 ? "  " : ""))
                    .toList();
            List<String> contentSide = new ArrayList<>(base);
            int changed = random.nextInt(count);
            contentSide.set(changed, "changed" + random.nextInt(1000) + "();");
            boolean oursWhitespace = random.nextBoolean();
            String file = "Main.java";
            String b = java(base, indent);
            String w = java(whitespaceSide, "");
            String c = java(contentSide, indent);
            ConflictedFile conflicted = HunkFixture.file(file, b, oursWhitespace ? w : c, oursWhitespace ? c : w);
            for (ConflictHunk hunk : conflicted.hunks()) {
                if (strategy.resolve(conflicted, hunk) instanceof Verdict.Resolved r) {
                    resolved++;
                    String merged = String.join("", r.lines());
                    if (String.join("", hunk.ours()).contains(contentSide.get(changed))
                            || String.join("", hunk.theirs()).contains(contentSide.get(changed))) {
                        assertThat(merged).contains(contentSide.get(changed));
                    }
                }
            }
        }
        assertThat(resolved).as("the generator must produce resolvable cases").isGreaterThan(CASES / 100);
    }

    private static String java(List<String> lines, String indent) {
        StringBuilder out = new StringBuilder("class Main {\n" + indent + "void f() {\n");
        for (String line : lines) {
            out.append(indent).append(line).append('\n');
        }
        return out.append(indent).append("}\n}\n").toString();
    }

    private static String pom(List<String> versions) {
        StringBuilder out = new StringBuilder("<project>\n  <properties>\n");
        for (int i = 0; i < versions.size(); i++) {
            out.append("    <a").append(i).append(".version>").append(versions.get(i)).append("</a").append(i)
                    .append(".version>\n");
        }
        return out.append("  </properties>\n</project>\n").toString();
    }

    private static String version(Random random) {
        String v = (1 + random.nextInt(5)) + "." + random.nextInt(20) + "." + random.nextInt(20);
        return random.nextInt(4) == 0 ? v + "-SNAPSHOT" : v;
    }

    private static String bump(Random random, String version) {
        String[] parts = version.replace("-SNAPSHOT", "").split("\\.");
        int which = random.nextInt(3);
        int delta = random.nextInt(5) - 1; // sometimes a downgrade
        parts[which] = String.valueOf(Math.max(0, Integer.parseInt(parts[which]) + delta));
        return String.join(".", parts) + (random.nextBoolean() ? "-SNAPSHOT" : "");
    }
}
