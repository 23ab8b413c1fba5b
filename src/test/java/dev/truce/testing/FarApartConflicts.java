package dev.truce.testing;

import dev.truce.conflict.FileVersions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java class whose versions conflict in methods twelve lines apart (ours adds one, theirs doubles), so each
 * conflict is a hunk of its own that no strategy resolves; optionally followed by lines only ours changed.
 */
public final class FarApartConflicts {

    private FarApartConflicts() {
    }

    /** {@code conflicts} conflicts far apart in {@code src/A.java}. */
    public static FileVersions javaFile(int conflicts) {
        return javaFile(conflicts, 0);
    }

    /** {@code conflicts} conflicts far apart, then {@code oursOnly} long lines only ours changed, far below them. */
    public static FileVersions javaFile(int conflicts, int oursOnly) {
        List<String> base = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < conflicts; i++) {
            base.add("    int f" + i + "() { return " + i + "; }\n");
            ours.add("    int f" + i + "() { return " + i + " + 1; }\n");
            theirs.add("    int f" + i + "() { return " + i + " * 2; }\n");
            for (int j = 0; j < 12; j++) {
                String stable = "    // part " + i + " line " + j + "\n";
                base.add(stable);
                ours.add(stable);
                theirs.add(stable);
            }
        }
        for (int c = 0; c < oursOnly; c++) {
            String line = "    String s" + c + " = \"" + "text ".repeat(20) + "\";\n";
            base.add(line);
            ours.add(line.replace("text", "word"));
            theirs.add(line);
            String stable = "    // gap " + c + "\n";
            base.add(stable);
            ours.add(stable);
            theirs.add(stable);
        }
        return new FileVersions("src/A.java", javaClass(base), javaClass(ours), javaClass(theirs));
    }

    private static byte[] javaClass(List<String> lines) {
        return ("class A {\n" + String.join("", lines) + "}\n").getBytes(StandardCharsets.UTF_8);
    }
}
