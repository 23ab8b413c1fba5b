package dev.truce.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.truce.conflict.FileType;
import dev.truce.conflict.LineEndings;

/**
 * Recognises single-line import statements of one language. Only forms whose whole meaning is on
 * one line are recognised, so that import lines can be treated as a set; anything else (a
 * parenthesised Python import spread over lines, a multi-line TypeScript import) is not an import
 * line here, which makes {@link ImportUnionStrategy} pass.
 */
enum ImportSyntax {
    // Every quantifier that no later part of its pattern can need to give back is possessive (*+, ++), so each
    // pattern reads a line in linear time and without recursion; they match exactly what the greedy forms matched.
    JAVA(Pattern.compile("import\\s++(static\\s++)?([\\w.]+(?:\\.\\*)?)\\s*+;\\s*+(//.*+)?")),
    KOTLIN(Pattern.compile("import\\s++([\\w.`]+(?:\\.\\*)?)(?:\\s++as\\s++(\\w++))?\\s*+;?\\s*+(//.*+)?")),
    PYTHON(null),
    GO(Pattern.compile("(?:import\\s++)?(?:([\\w.]++)\\s++)?\"([^\"]++)\"\\s*+(//.*+)?")),
    SCRIPT(null),
    C_INCLUDE(Pattern.compile("#\\s*+include\\s*+([<\"][^>\"]++[>\"])\\s*+(//.*+|/\\*.*\\*/)?")),
    CSHARP(Pattern.compile(
            "(?:global\\s++)?using\\s++(static\\s++)?(?:(\\w++)\\s*+=\\s*+)?([\\w.]++)\\s*+;\\s*+(//.*+)?"));

    private static final Pattern PY_IMPORT = Pattern.compile("import\\s++([\\w.]++(?:\\s++as\\s++\\w++)?"
            + "(?:\\s*+,\\s*+[\\w.]++(?:\\s++as\\s++\\w++)?)*+)\\s*+(#.*+)?");
    // "from  import x" (two spaces, no module) matched the old pattern with an empty module: the second branch.
    private static final Pattern PY_FROM = Pattern.compile("from(?:\\s++(\\.*+[\\w.]*+)\\s++|\\s\\s++)import\\s++(\\(?)"
            + "\\s*+([\\w*]++(?:\\s++as\\s++\\w++)?(?:\\s*+,\\s*+\\w++(?:\\s++as\\s++\\w++)?)*+)\\s*+,?\\s*+(\\)?)\\s*+(#.*+)?");
    private static final Pattern SCRIPT_BARE = Pattern.compile("import\\s++(['\"])([^'\"]++)\\1\\s*+;?\\s*+(//.*+)?");
    private static final Pattern SCRIPT_REQUIRE = Pattern.compile("(?:const|let|var)\\s++(\\w++|\\{[\\w\\s,:]*+\\})\\s*+="
            + "\\s*+require\\((['\"])([^'\"]++)\\2\\)\\s*+;?\\s*+(//.*+)?");
    private static final Pattern BRACES = Pattern.compile("\\{([^{}]*+)\\}");
    private static final Pattern STAR_AS = Pattern.compile("\\*\\s++as\\s++(\\w++)");
    private static final Pattern NAME = Pattern.compile("[\\w$]++");
    private static final Pattern GO_BLOCK = Pattern.compile("import\\s*+\\(");
    private static final Pattern WORD_BOUNDARY = Pattern.compile("\\b");

    private final Pattern pattern;

    ImportSyntax(Pattern pattern) {
        this.pattern = pattern;
    }

    /** The syntax of the file's language, or empty for languages without one-line imports. */
    static Optional<ImportSyntax> of(FileType type) {
        return Optional.ofNullable(switch (type) {
            case JAVA, GROOVY, SCALA -> JAVA;
            case KOTLIN -> KOTLIN;
            case PYTHON -> PYTHON;
            case GO -> GO;
            case TYPESCRIPT, JAVASCRIPT -> SCRIPT;
            case C, CPP -> C_INCLUDE;
            case CSHARP -> CSHARP;
            default -> null;
        });
    }

    /**
     * Whether a line that is only a package path in quotes counts as an import: in Go only inside an
     * {@code import ( ... )} block, which the caller has to establish from the context.
     */
    boolean needsEnclosingBlock(ImportStatement statement) {
        return this == GO && !statement.line().stripLeading().startsWith("import");
    }

    /**
     * Whether the names a statement binds are identifiers the code refers to by name, so that the file's text
     * shows whether an import is used.
     */
    boolean bindsIdentifiers() {
        return this == JAVA || this == KOTLIN || this == PYTHON || this == SCRIPT;
    }

    /** Imports that act by being there, not through the names they bind. */
    boolean mayBeUnused(ImportStatement statement) {
        return this == PYTHON && statement.target().startsWith("__future__");
    }

    /** Whether a line opens a block inside which {@link #needsEnclosingBlock} lines are imports. */
    boolean opensBlock(String content) {
        return this == GO && GO_BLOCK.matcher(content.strip()).matches();
    }

    /** Whether a line closes such a block. */
    boolean closesBlock(String content) {
        return this == GO && content.strip().equals(")");
    }

    /** Parses one line, or empty when it is not a one-line import of this language. */
    Optional<ImportStatement> parse(String line) {
        String text = LineEndings.content(line).strip();
        String identity = text.replaceAll("\\s+", " ");
        return switch (this) {
            case PYTHON -> python(line, text, identity);
            case SCRIPT -> script(line, text, identity);
            default -> {
                Matcher m = pattern.matcher(text);
                if (!m.matches()) {
                    yield Optional.empty();
                }
                yield Optional.of(switch (this) {
                    case JAVA -> new ImportStatement(line, identity, (m.group(1) == null ? "" : "static ")
                            + m.group(2), false, m.group(2).endsWith("*") ? List.of()
                            : List.of((m.group(1) == null ? "" : "static ") + lastSegment(m.group(2))));
                    case KOTLIN -> new ImportStatement(line, identity, m.group(1), false,
                            m.group(2) != null ? List.of(m.group(2))
                                    : m.group(1).endsWith("*") ? List.of() : List.of(lastSegment(m.group(1))));
                    case GO -> new ImportStatement(line, identity, m.group(2), false,
                            m.group(1) == null || m.group(1).equals("_") || m.group(1).equals(".")
                                    ? List.of() : List.of(m.group(1)));
                    case C_INCLUDE -> new ImportStatement(line, identity, m.group(1), false, List.of());
                    case CSHARP -> new ImportStatement(line, identity, m.group(3), false,
                            m.group(2) == null ? List.of() : List.of(m.group(2)));
                    default -> throw new IllegalStateException(name());
                });
            }
        };
    }

    private static Optional<ImportStatement> python(String line, String text, String identity) {
        Matcher m = PY_IMPORT.matcher(text);
        if (m.matches()) {
            List<String> bound = new ArrayList<>();
            for (String part : m.group(1).split(",")) {
                String[] words = part.strip().split("\\s+");
                // "import a.b" binds "a" and may be repeated harmlessly; only aliases can clash.
                if (words.length == 3) {
                    bound.add(words[2]);
                }
            }
            return Optional.of(new ImportStatement(line, identity, m.group(1).replaceAll("\\s+", " "), false, bound));
        }
        m = PY_FROM.matcher(text);
        if (m.matches() && m.group(2).isEmpty() == m.group(4).isEmpty()) {
            String module = m.group(1) == null ? "" : m.group(1);
            List<String> bound = new ArrayList<>();
            for (String part : m.group(3).split(",")) {
                String[] words = part.strip().split("\\s+");
                bound.add(words[words.length - 1]);
            }
            String names = m.group(3).replaceAll("\\s+", " ");
            return Optional.of(new ImportStatement(line, identity, module + " " + names, true, bound));
        }
        return Optional.empty();
    }

    private static Optional<ImportStatement> script(String line, String text, String identity) {
        Matcher m = SCRIPT_BARE.matcher(text);
        if (m.matches()) {
            return Optional.of(new ImportStatement(line, identity, m.group(2), false, List.of()));
        }
        String[] from = ScriptFrom.match(text);
        if (from != null) {
            List<String> bound = scriptBindings(from[0]);
            return bound == null ? Optional.empty()
                    : Optional.of(new ImportStatement(line, identity, from[1], false, bound));
        }
        m = SCRIPT_REQUIRE.matcher(text);
        if (m.matches()) {
            List<String> bound = scriptBindings(m.group(1));
            return bound == null ? Optional.empty()
                    : Optional.of(new ImportStatement(line, identity, m.group(3), false, bound));
        }
        return Optional.empty();
    }

    /** The names an import clause binds, or {@code null} when the clause is not understood. */
    private static List<String> scriptBindings(String clause) {
        List<String> bound = new ArrayList<>();
        String rest = clause.strip();
        Matcher braces = BRACES.matcher(rest);
        if (braces.find()) {
            for (String part : braces.group(1).split(",")) {
                if (!part.isBlank()) {
                    String name = lastAlias(part.strip());
                    if (name == null) {
                        return null; // "{:}" has no name (the old split threw here)
                    }
                    bound.add(name.strip());
                }
            }
            rest = (rest.substring(0, braces.start()) + rest.substring(braces.end())).strip();
        }
        for (String part : rest.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            Matcher star = STAR_AS.matcher(p);
            if (star.matches()) {
                bound.add(star.group(1));
            } else if (NAME.matcher(p).matches()) {
                bound.add(p);
            } else {
                return null;
            }
        }
        return bound;
    }

    /**
     * The last piece of {@code part.split("\\s*(?:\\bas\\b|:)\\s*")} ({@code b} of {@code a as b} or {@code a: b}),
     * or {@code null} when the split has no pieces; found in linear time (the split took quadratic time on a long
     * run of spaces).
     */
    static String lastAlias(String part) {
        int n = part.length();
        int pieceStart = 0;
        boolean split = false;
        String last = null;
        int i = 0;
        while (i < n) {
            int run = i;
            while (run < n && isSpace(part.charAt(run))) {
                run++;
            }
            int separator = separatorAt(part, run);
            if (separator < 0) {
                // No separator after these spaces, so no match starts inside them either.
                i = run > i ? run : i + 1;
                continue;
            }
            int end = run + separator;
            while (end < n && isSpace(part.charAt(end))) {
                end++;
            }
            split = true;
            last = i > pieceStart ? part.substring(pieceStart, i) : last;
            pieceStart = end;
            i = end;
        }
        // Java's split drops trailing empty pieces: the answer is the last non-empty one.
        last = n > pieceStart ? part.substring(pieceStart) : last;
        return last == null && !split ? part : last;
    }

    /** The length of a separator ({@code :}, or the word {@code as}) at {@code i}, or -1. */
    private static int separatorAt(String s, int i) {
        if (i >= s.length()) {
            return -1;
        }
        if (s.charAt(i) == ':') {
            return 1;
        }
        if (s.startsWith("as", i) && boundaryAt(s, i) && boundaryAt(s, i + 2)) {
            return 2;
        }
        return -1;
    }

    /** Java's {@code \b} at {@code i}, letters of every script counted as word characters as it counts them. */
    private static boolean boundaryAt(String s, int i) {
        return WORD_BOUNDARY.matcher(s).region(i, s.length()).useTransparentBounds(true).lookingAt();
    }

    /** Java's regular expression {@code \s}. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static String lastSegment(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }
}
