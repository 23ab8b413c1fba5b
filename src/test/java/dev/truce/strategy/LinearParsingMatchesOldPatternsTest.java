package dev.truce.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.truce.conflict.ConflictHunk;
import dev.truce.conflict.ConflictKind;
import dev.truce.conflict.ConflictedFile;
import dev.truce.conflict.FileType;
import dev.truce.conflict.LineEndings;
import dev.truce.conflict.Segment;
import dev.truce.conflict.StableText;

/**
 * The linear-time scanners and patterns that replaced backtracking regular expressions give the same answers: each
 * old expression is kept here as the reference and both run on seeded random short texts built from the characters
 * the expressions care about (where the old ones are fast).
 */
class LinearParsingMatchesOldPatternsTest {

    private static final int CASES = 30_000;

    static String random(Random random, String[] parts, int maxParts) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(maxParts + 1); i > 0; i--) {
            out.append(parts[random.nextInt(parts.length)]);
        }
        return out.toString();
    }

    @Test
    void versionLinesSplitAsTheRegularExpressionsSplitThem() {
        String[] parts = {"1", "2", "0", "12", ".", ".", "-", "+", "~", "_", "a", "b", "SNAPSHOT", ":", "\"", "'", "=",
            " ", " ", "\t", "<", ">", "!", "[", "]", "{", ",", "^", "(", "version", "jackson.version", "revision", "\r",
            "\u0085", "#", "/", "<version>", "==", ">=", "~=", "\"g:a:", "x"};
        String[] scopes = {"", "project", "project/parent", "dependencies", "versions", "tool.poetry", "metadata",
            "engines", "project/dependencies"};
        Random random = new Random(11);
        int withTokens = 0;
        int own = 0;
        for (int n = 0; n < CASES; n++) {
            String content = random(random, parts, 5) + versionish(random) + random(random, parts, 4)
                    + (random.nextBoolean() ? versionish(random) : "");
            VersionFileKind kind = VersionFileKind.values()[random.nextInt(VersionFileKind.values().length)];
            String scope = scopes[random.nextInt(scopes.length)];
            boolean parentIsOwn = random.nextBoolean();
            VersionLine now = VersionLine.parse(kind, scope, content, parentIsOwn);
            VersionLine before = OldVersionLine.parse(kind, scope, content, parentIsOwn);
            assertThat(now).as("%s in %s %s", content, kind, scope).isEqualTo(before);
            withTokens += now.tokens().isEmpty() ? 0 : 1;
            own += now.tokens().stream().anyMatch(VersionLine.VersionToken::own) ? 1 : 0;
        }
        assertThat(withTokens).as("the generator must produce version tokens").isGreaterThan(CASES / 10);
        assertThat(own).as("and the project's own versions").isGreaterThan(CASES / 200);
    }

    @Test
    void pomCoordinatesAreReadAsTheRegularExpressionsReadThem() {
        Random random = new Random(12);
        int withVersion = 0;
        for (int n = 0; n < CASES; n++) {
            String pom = (random.nextInt(3) > 0 ? "<project>" : "") + random(random, XML_PARTS, 12)
                    + (random.nextBoolean() ? "<version>1." + n + "</version>" : "") + random(random, XML_PARTS, 12);
            MavenCoordinates now = MavenCoordinates.read(pom);
            assertThat(now).as(pom).isEqualTo(OldScopes.coordinates(pom));
            withVersion += now.version() != null || now.parentVersion() != null ? 1 : 0;
        }
        assertThat(withVersion).as("the generator must produce versions").isGreaterThan(CASES / 50);
    }

    @Test
    void scopesOfEachHunkLineAreWhatReadingTheTextBeforeItGave() {
        Random random = new Random(13);
        String[] tomlParts = {"[", "]", "[[", "]]", "tool.poetry", "dependencies", " ", "\t", "#", "x", "=", "\"",
            "\n", "\r\n", "\r", "\u0085", "a b", "]x", "metadata"};
        String[] jsonParts = {"{", "}", "[", "]", "\"", "\\", ":", ",", "\"dependencies\"", "\"a\"", " ", "\n", "1",
            "\"engines\":", "\"x\\\"\""};
        int nonEmpty = 0;
        for (int n = 0; n < CASES; n++) {
            VersionFileKind kind = List.of(VersionFileKind.MAVEN_POM, VersionFileKind.TOML, VersionFileKind.SETUP_CFG,
                    VersionFileKind.PACKAGE_JSON, VersionFileKind.PROPERTIES).get(random.nextInt(5));
            String[] parts = switch (kind) {
                case MAVEN_POM -> XML_PARTS;
                case PACKAGE_JSON -> jsonParts;
                default -> tomlParts;
            };
            List<String> before = LineEndings.split(random(random, parts, 25));
            List<String> hunkLines = LineEndings.split(random(random, parts, 25));
            ConflictHunk hunk = new ConflictHunk(0, hunkLines, hunkLines, hunkLines, 1, 1, 1, List.of(), List.of());
            List<Segment> segments = before.isEmpty() ? List.of(hunk) : List.of(new StableText(before), hunk);
            ConflictedFile file = new ConflictedFile("pom.xml", null, ConflictKind.CONTENT, FileType.MAVEN_POM,
                    StandardCharsets.UTF_8, segments, null, List.of());
            List<String> now = EnclosingScope.scopes(kind, file, hunk, ConflictHunk.Side.OURS);
            for (int i = 0; i < hunkLines.size(); i++) {
                List<String> prefix = new ArrayList<>(before);
                prefix.addAll(hunkLines.subList(0, i));
                assertThat(now.get(i)).as("%s line %d after %s", kind, i, prefix).isEqualTo(OldScopes.of(kind, prefix));
                nonEmpty += now.get(i).isEmpty() ? 0 : 1;
            }
        }
        assertThat(nonEmpty).as("the generator must produce scopes").isGreaterThan(CASES / 10);
    }

    private static final String[] XML_PARTS = {"<project>", "</project>", "<parent>", "</parent>", "<version>",
        "</version>", "<a ", "<a>", "</a>", "<b/>", "<!--", "-->", "1.0", "2", " ", "\n", "\r\n", "<", ">", "/", "x",
        "</x y>", "<version/>", "<dependency>", "</dependency>", "<!-", "->", "\r", "\u0085", "=\"v\"", "<project a='1'>",
        "</version >", "<_v.1:x-y>", "<version>1.2</version>", "<parent><version>3</version>", "</parent>"};

    /** EnclosingScope's and MavenCoordinates' readings before they were made linear. */
    static final class OldScopes {
        private static final Pattern XML_COMMENT = Pattern.compile("<!--.*?(-->|$)", Pattern.DOTALL);
        private static final Pattern XML_TAG = Pattern.compile("<(/?)([A-Za-z_][\\w.:\\-]*)[^<>]*?(/?)>");
        private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\[?\\s*([^\\]]+?)\\s*\\]\\]?\\s*(#.*)?$");

        static MavenCoordinates coordinates(String pom) {
            String text = XML_COMMENT.matcher(pom).replaceAll("");
            Deque<String> stack = new ArrayDeque<>();
            String version = null;
            String parentVersion = null;
            Matcher m = XML_TAG.matcher(text);
            while (m.find()) {
                if (!m.group(3).isEmpty()) {
                    continue;
                }
                if (m.group(1).isEmpty()) {
                    String path = String.join("/", stack);
                    if (m.group(2).equals("version") && (path.equals("project") || path.equals("project/parent"))) {
                        int end = text.indexOf("</version>", m.end());
                        String value = end < 0 ? null : text.substring(m.end(), end).strip();
                        if (path.equals("project")) {
                            version = value;
                        } else {
                            parentVersion = value;
                        }
                    }
                    stack.addLast(m.group(2));
                } else if (stack.contains(m.group(2))) {
                    while (!stack.isEmpty() && !stack.removeLast().equals(m.group(2))) {
                        // unwinding unclosed elements
                    }
                }
            }
            return new MavenCoordinates(version, parentVersion);
        }

        static String of(VersionFileKind kind, List<String> before) {
            return switch (kind) {
                case MAVEN_POM -> xmlPath(String.join("", before));
                case TOML, SETUP_CFG -> table(before);
                case PACKAGE_JSON -> jsonKey(String.join("", before));
                default -> "";
            };
        }

        static String tableName(String stripped) {
            Matcher m = TABLE.matcher(stripped);
            return m.matches() ? m.group(1) : null;
        }

        private static String xmlPath(String text) {
            String stripped = XML_COMMENT.matcher(text).replaceAll("");
            Deque<String> stack = new ArrayDeque<>();
            Matcher m = XML_TAG.matcher(stripped);
            while (m.find()) {
                if (!m.group(3).isEmpty()) {
                    continue;
                }
                if (m.group(1).isEmpty()) {
                    stack.addLast(m.group(2));
                } else if (stack.contains(m.group(2))) {
                    while (!stack.isEmpty() && !stack.removeLast().equals(m.group(2))) {
                        // unwinding unclosed elements
                    }
                }
            }
            return String.join("/", stack);
        }

        private static String table(List<String> before) {
            for (int i = before.size() - 1; i >= 0; i--) {
                String name = tableName(before.get(i).strip());
                if (name != null) {
                    return name;
                }
            }
            return "";
        }

        private static String jsonKey(String text) {
            Deque<String> stack = new ArrayDeque<>();
            String lastString = "";
            boolean afterColon = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> {
                        int end = i + 1;
                        while (end < text.length() && text.charAt(end) != '"') {
                            end += text.charAt(end) == '\\' ? 2 : 1;
                        }
                        lastString = text.substring(i + 1, Math.min(end, text.length()));
                        i = end;
                        afterColon = false;
                        continue;
                    }
                    case ':' -> {
                        afterColon = true;
                        continue;
                    }
                    case '{', '[' -> stack.addLast(afterColon ? lastString : "");
                    case '}', ']' -> {
                        if (!stack.isEmpty()) {
                            stack.removeLast();
                        }
                    }
                    default -> {
                        if (Character.isWhitespace(c)) {
                            continue;
                        }
                    }
                }
                afterColon = false;
            }
            return stack.size() <= 1 ? "" : stack.peekLast();
        }
    }

    @Test
    void tableHeadersAreReadAsTheRegularExpressionReadThem() {
        String[] parts = {"[", "]", "[[", "]]", "a", "tool.poetry", " ", "\t", "\u000B", "#", "x", "\r", "\n", "\u0085",
            "\u2028", "]]]", "# c"};
        Random random = new Random(14);
        int named = 0;
        for (int n = 0; n < CASES; n++) {
            String line = (random.nextInt(4) > 0 ? "[" : "") + random(random, parts, 4)
                    + (random.nextInt(3) > 0 ? "]" : "") + random(random, parts, 3);
            String now = EnclosingScope.tableName(line);
            assertThat(now).as("'%s'", line).isEqualTo(OldScopes.tableName(line));
            named += now == null ? 0 : 1;
        }
        assertThat(named).as("the generator must produce headers").isGreaterThan(CASES / 20);
    }

    @Test
    void importLinesParseAsTheRegularExpressionsParsedThem() {
        String[] common = {" ", " ", "  ", "\t", "\r", "\u0085", "a", "b.c", "x_1", ".", ",", ";", "//", "// c", "#", "*",
            "'", "\"", "(", ")", "=", "as", " as ", "{", "}", ":", "$", "`", "<", ">", "/*", "*/", "é"};
        String[][] starts = {
            {"import ", "import static ", "import  ", "import\t"}, // Java, Kotlin, Python, Go, scripts
            {"from ", "from  ", "from . ", "from .a "}, // Python
            {"import type ", "import type  ", "import {", "import * as ", "const ", "let ", "var "}, // scripts
            {"#include ", "# include <", "#include \""}, // C
            {"using ", "global using ", "using static "}, // C#
        };
        String[] middles = {"a", "a.b", "a.*", "{ a, b as c }", "{:}", "{ a : b }", "* as ns", "x, { y }", "a as b",
            "(a, b)", "\"fmt\"", "f \"fmt\"", "<stdio.h>", "A = B.C", "type"};
        String[] ends = {";", "", " from 'm';", " from \"m\"", " from 'm' // c", " = require('m');", " import a",
            " import (a, b,)", " import a as b, c", "\"", ">", " // c", " # c", ";;", " from  'm'", "  from 'm'"};
        Random random = new Random(15);
        int parsed = 0;
        java.util.Map<ImportSyntax, Integer> bySyntax = new java.util.EnumMap<>(ImportSyntax.class);
        for (int n = 0; n < CASES; n++) {
            String line = starts[random.nextInt(starts.length)][random.nextInt(4) % 3]
                    + (random.nextBoolean() ? middles[random.nextInt(middles.length)] : "")
                    + (random.nextBoolean() ? random(random, common, 3) : "") + ends[random.nextInt(ends.length)]
                    + (random.nextInt(3) == 0 ? random(random, common, 2) : "")
                    + (random.nextInt(4) == 0 ? "\n" : "");
            for (ImportSyntax syntax : ImportSyntax.values()) {
                OldImportSyntax old = OldImportSyntax.valueOf(syntax.name());
                Optional<ImportStatement> before;
                try {
                    before = old.parse(line);
                } catch (ArrayIndexOutOfBoundsException e) {
                    // "{:}" made the old split throw; such a clause is now not understood.
                    before = Optional.empty();
                }
                Optional<ImportStatement> now = syntax.parse(line);
                assertThat(now).as("%s: '%s'", syntax, line).isEqualTo(before);
                parsed += now.isPresent() ? 1 : 0;
                bySyntax.merge(syntax, now.isPresent() ? 1 : 0, Integer::sum);
            }
        }
        assertThat(parsed).as("the generator must produce import lines").isGreaterThan(CASES / 15);
        assertThat(bySyntax.values()).as("of every language: %s", bySyntax).allMatch(count -> count > 50);
    }

    @Test
    void bindingClausesSplitAsJavaSplitThem() {
        String[] parts = {"a", "as", " as ", "as ", " as", ":", " : ", " ", "  ", "\t", "b", "bas", "asb", "é", "_", "\u0301",
            "x1"};
        Random random = new Random(16);
        for (int n = 0; n < CASES; n++) {
            String part = random(random, parts, 7);
            String[] words = part.split("\\s*(?:\\bas\\b|:)\\s*");
            String expected = words.length == 0 ? null : words[words.length - 1];
            assertThat(ImportSyntax.lastAlias(part)).as("'%s'", part).isEqualTo(expected);
        }
    }

    @Test
    void stringLiteralsAreBlankedAsTheRegularExpressionBlankedThem() {
        Pattern old = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
        String[] parts = {"\"", "'", "\\", "\\\"", "\\'", "a", " ", "\r", "\u0085", "\\\r", "x.y", "\"\"", "''"};
        Random random = new Random(17);
        for (int n = 0; n < CASES; n++) {
            String code = random(random, parts, 12);
            assertThat(ImportUnionStrategy.withoutStrings(code)).as("'%s'", code)
                    .isEqualTo(old.matcher(code).replaceAll("\"\""));
        }
    }

    @Test
    void listEntriesHaveTheShapesSignaturesAndKeysTheRegularExpressionsGaveThem() {
        Pattern[] old = {
            Pattern.compile("()(\\S.*?)\\s*"),
            Pattern.compile("(\\s*[-*+] )(.*?)\\s*"),
            Pattern.compile("(\\s*\\.\\. _)([^:]+):.*"),
            Pattern.compile("(\\s*<[\\w.:-]+)(?:\\s[^>]*)?>(.*)</[\\w.:-]+>\\s*"),
            Pattern.compile("(\\s*<[\\w.:-]+)((?:\\s[^>]*)?)>\\s*"),
            Pattern.compile("(\\s*)([A-Z][A-Z0-9_]*)(?:\\(.*\\))?\\s*([,;]?)\\s*(?://.*)?"),
            Pattern.compile("(\\s*)([\"'].*[\"'])\\s*,?\\s*"),
            Pattern.compile("(\\s*)([\\w.\\-\\[\\]\"']+)\\s*([=:])\\s*\\S.*")};
        String[] parts = {" ", "  ", "\t", "\r", "\u0085", "\u2028", "- ", "* ", ".. _", "a", "B", "NAME", "_1", ":", "=",
            "<m>", "</m>", "<m a='1'>", ">", "<", "\"", "'", ",", ";", "(", ")", "//", "x y", "[", "]", "\n"};
        Random random = new Random(18);
        int shaped = 0;
        for (int n = 0; n < CASES; n++) {
            String line = random(random, parts, 9) + (random.nextBoolean() ? "\n" : "");
            String content = LineEndings.content(line);
            for (EntryShape shape : EntryShape.values()) {
                Matcher before = old[shape.ordinal()].matcher(content);
                boolean matched = before.matches();
                String signature = null;
                String key = null;
                try {
                    signature = shape.signature(line);
                    key = shape.key(line);
                } catch (IllegalArgumentException e) {
                    // not this shape
                }
                assertThat(signature != null).as("%s matches '%s'", shape, content).isEqualTo(matched);
                if (matched) {
                    shaped++;
                    String oldSignature = shape == EntryShape.KEY_VALUE ? before.group(1) + before.group(3)
                            : before.group(1);
                    String oldKey = shape == EntryShape.XML_LINE || shape == EntryShape.XML_BLOCK ? content.strip()
                            : before.group(2).strip();
                    assertThat(signature).as("%s signature of '%s'", shape, content).isEqualTo(oldSignature);
                    assertThat(key).as("%s key of '%s'", shape, content).isEqualTo(oldKey);
                }
            }
        }
        assertThat(shaped).as("the generator must produce entries").isGreaterThan(CASES / 5);
    }

    @Test
    void oneLineElementsAreReadAsTheRegularExpressionReadThem() {
        Pattern old = Pattern.compile("<([\\w.-]+)>\\s*([^<]*?)\\s*</\\1>");
        String[] parts = {"<groupId>", "</groupId>", "<a>", "</a>", "</b>", "<", ">", " ", "\t", "x", "y z", "<a.b-c>",
            "</a.b-c>", "/", "\r"};
        Random random = new Random(19);
        int found = 0;
        for (int n = 0; n < CASES; n++) {
            String line = random(random, parts, 8);
            Matcher m = old.matcher(line);
            String[] now = ListInsertionStrategy.firstElement(line);
            if (m.find()) {
                found++;
                assertThat(now).as("'%s'", line).containsExactly(m.group(1), m.group(2));
            } else {
                assertThat(now).as("'%s'", line).isNull();
            }
        }
        assertThat(found).as("the generator must produce elements").isGreaterThan(CASES / 20);
    }

    /** A key, delimiters and a version-like token, each sometimes odd. */
    private static String versionish(Random random) {
        String[] keys = {"version", "jackson.version", "revision", "x", "\"g:a:", "'g.h:a-b:", "requests", "_v", "9a"};
        String[] delimiters = {"=", ": ", "\"", "<", ">", " == ", ">=", " ~= ", "\": \"^", " ", "", "(", "\r", "\u0085"};
        String[] qualifiers = {"", "-SNAPSHOT", ".RELEASE", "-rc.1", ".Final", "-jre", "a", "_", "+b1", "~x", ".", "-"};
        StringBuilder v = new StringBuilder();
        v.append(random.nextInt(20));
        for (int i = random.nextInt(4); i > 0; i--) {
            v.append('.').append(random.nextInt(12));
        }
        v.append(qualifiers[random.nextInt(qualifiers.length)]);
        return keys[random.nextInt(keys.length)] + delimiters[random.nextInt(delimiters.length)]
                + (random.nextInt(3) == 0 ? delimiters[random.nextInt(delimiters.length)] : "") + v;
    }

    /** VersionLine's parsing before it was made linear. */
    static final class OldVersionLine {
        private static final Pattern CANDIDATE = Pattern.compile(
                "(?<![\\w.\\-])(\\d+(?:\\.\\d+)*)((?:[-.+~][A-Za-z0-9][A-Za-z0-9_+]*)*)(?![\\w])");
        private static final Pattern KEY_AT_END = Pattern.compile("([A-Za-z_][\\w.\\-]*)$");
        private static final Pattern COORDINATE_END = Pattern.compile("[\"'][\\w.\\-]+:[\\w.\\-]+:$");
        private static final Pattern REQUIREMENT_END = Pattern.compile(
                "[\\w.\\-\\]\\[]\\s*(===|==|>=|<=|~=|!=|<|>)\\s*$");

        static VersionLine parse(VersionFileKind kind, String enclosing, String content, boolean parentIsOwn) {
            List<VersionLine.VersionToken> tokens = new ArrayList<>();
            StringBuilder shape = new StringBuilder();
            int last = 0;
            Matcher m = CANDIDATE.matcher(content);
            while (m.find()) {
                String numeric = m.group(1);
                String prefix = content.substring(0, m.start());
                String key = keyBefore(prefix);
                boolean keyNamesVersion = key != null && (key.toLowerCase(Locale.ROOT).contains("version")
                        || key.toLowerCase(Locale.ROOT).equals("revision"));
                boolean dotted = numeric.indexOf('.') >= 0;
                boolean version = keyNamesVersion || dotted && versionPosition(kind, enclosing, prefix, key);
                if (!version) {
                    continue;
                }
                String lineStart = key == null ? "" : prefixBeforeKey(prefix, key);
                boolean own = key != null && kind.isOwnVersion(key, lineStart.isEmpty(), enclosing, parentIsOwn);
                tokens.add(new VersionLine.VersionToken(m.group(), key == null ? "?" : key, own));
                shape.append(content, last, m.start()).append('\u0000');
                last = m.end();
            }
            shape.append(content.substring(last));
            return new VersionLine(shape.toString(), tokens);
        }

        private static boolean versionPosition(VersionFileKind kind, String enclosing, String prefix, String key) {
            if (COORDINATE_END.matcher(prefix).find()) {
                return true;
            }
            String table = enclosing.toLowerCase(Locale.ROOT);
            return switch (kind) {
                case REQUIREMENTS -> REQUIREMENT_END.matcher(prefix).find();
                case TOML -> key != null && (table.equals("versions") || table.endsWith("dependencies"))
                        || REQUIREMENT_END.matcher(prefix).find() && table.equals("project");
                case SETUP_CFG -> REQUIREMENT_END.matcher(prefix).find();
                case PACKAGE_JSON -> key != null && (table.endsWith("dependencies") || table.equals("overrides")
                        || table.equals("resolutions") || table.equals("engines"));
                default -> false;
            };
        }

        private static String keyBefore(String prefix) {
            int end = prefix.length();
            while (end > 0 && " \t\"'=:(>[{,^~<!".indexOf(prefix.charAt(end - 1)) >= 0) {
                end--;
            }
            Matcher m = KEY_AT_END.matcher(prefix.substring(0, end));
            return m.find() ? m.group(1) : null;
        }

        private static String prefixBeforeKey(String prefix, String key) {
            int at = prefix.lastIndexOf(key);
            return at < 0 ? prefix.strip() : prefix.substring(0, at).replace("<", "").replace("\"", "").strip();
        }
    }
}
