package dev.truce.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The context's scanners give what the regular expressions they replace gave: each old expression is the reference,
 * both run on seeded random short texts made of the characters the expressions care about.
 */
class LinearContextParsingMatchesOldPatternsTest {

    private static final int CASES = 30_000;

    private static String random(Random random, String[] parts, int maxParts) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(maxParts + 1); i > 0; i--) {
            out.append(parts[random.nextInt(parts.length)]);
        }
        return out.toString();
    }

    @Test
    void tokensAreTheOnesTheRegularExpressionFound() {
        Pattern old = Pattern.compile(
                "\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|[A-Za-z_$][A-Za-z0-9_$]*|[0-9][A-Za-z0-9_.]*|\\S");
        String[] parts = {"\"", "'", "\\", "\\\"", "a", "B1", "$x", "_", "9", "1.2", ".", " ", "\t", "\r", "\u0085", "(",
            ")", "é", "\uD83D\uDE00", "\uD83D", "=", "\\\r"};
        Random random = new Random(21);
        for (int n = 0; n < CASES; n++) {
            String line = random(random, parts, 12);
            List<String> expected = new ArrayList<>();
            Matcher m = old.matcher(line);
            while (m.find()) {
                expected.add(m.group());
            }
            assertThat(RelatedChanges.tokens(line)).as("'%s'", line).isEqualTo(expected);
        }
    }

    @Test
    void declaredNamesAreTheOnesTheRegularExpressionsFound() {
        String[] starts = {"", " ", "  ", "\t", "public ", "private static ", "static final ", "async ", "export ",
            "export default ", "inline ", "@JvmStatic ", "override ", "suspend ", "abstract "};
        String[] middles = {"def ", "async def ", "func ", "func (r *T) ", "fun ", "fun <T> ", "fun String.", "function ",
            "function* ", "void ", "int ", "List<String> ", "Map<K, V> ", "String[] ", "<T> T ", "return ", "new ",
            "public ", "static ", "a.b.C "};
        String[] names = {"run", "f", "toString", "if", "x1", "get", ""};
        String[] ends = {"(", " (", "()", "[T any](", " = 1", "", " {", "(a, b) {", ":", "<"};
        Random random = new Random(22);
        int found = 0;
        for (int n = 0; n < CASES; n++) {
            String line = starts[random.nextInt(starts.length)] + (random.nextBoolean() ? starts[random.nextInt(starts.length)] : "")
                    + middles[random.nextInt(middles.length)] + (random.nextInt(4) == 0 ? middles[random.nextInt(middles.length)] : "")
                    + names[random.nextInt(names.length)] + ends[random.nextInt(ends.length)];
            String now = RelatedChanges.declaredName(line);
            assertThat(now).as("'%s'", line).isEqualTo(OldDeclarations.declaredName(line));
            found += now == null ? 0 : 1;
        }
        assertThat(found).as("the generator must produce declarations").isGreaterThan(CASES / 10);
    }

    @Test
    void textIsPutOnOneLineAsTheRegularExpressionPutIt() {
        String[] parts = {" ", "\t", "\n", "\r", "\r\n", "\u000B", "\f", "\u0085", "\u2028", "\u2029", "a", "b c", "/"};
        Random random = new Random(23);
        for (int n = 0; n < CASES; n++) {
            String text = random(random, parts, 10);
            assertThat(ContextAssembler.oneLine(text)).as("'%s'", text)
                    .isEqualTo(text.strip().replaceAll("\\s*\\R\\s*", " / "));
        }
    }

    /** RelatedChanges.declaredName before its repeated groups were read by hand. */
    private static final class OldDeclarations {
        private static final Set<String> NOT_A_TYPE = Set.of("return", "new", "throw", "else", "case", "yield",
                "await", "typeof", "delete", "in", "of", "instanceof", "assert", "goto", "import", "package");
        private static final List<Pattern> DECLARATIONS = List.of(
                Pattern.compile("^\\s*(?:async\\s+)?def\\s+(\\w+)\\s*\\("),
                Pattern.compile("^\\s*func\\s+(?:\\([^)]*\\)\\s*)?(\\w+)\\s*[\\[(]"),
                Pattern.compile("^\\s*(?:[\\w@]+\\s+)*fun\\s+(?:<[^>]*>\\s*)?(?:[\\w.]+\\.)?(\\w+)\\s*\\("),
                Pattern.compile("^\\s*(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*(\\w+)\\s*\\("),
                Pattern.compile("^\\s*(?:(?:public|protected|private|static|final|abstract|synchronized|native|default"
                        + "|override|readonly|async)\\s+)*(?:<[^>]*>\\s+)?([\\w.$]+(?:<[^()]*>)?(?:\\[\\])*)\\s+(\\w+)"
                        + "\\s*\\("));

        static String declaredName(String line) {
            for (int p = 0; p < DECLARATIONS.size(); p++) {
                Matcher m = DECLARATIONS.get(p).matcher(line);
                if (!m.find()) {
                    continue;
                }
                if (p == DECLARATIONS.size() - 1) {
                    String type = m.group(1);
                    String name = m.group(2);
                    if (NOT_A_TYPE.contains(type) || RelatedChanges.KEYWORDS.contains(name)) {
                        return null;
                    }
                    return name;
                }
                return m.group(1);
            }
            return null;
        }
    }
}
