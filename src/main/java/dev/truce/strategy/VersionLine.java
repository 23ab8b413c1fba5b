package dev.truce.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a build file split into its version tokens and the rest (its shape). Two lines with the same
 * shape say the same thing about the same keys and differ, if at all, only in versions.
 *
 * <p>A token counts as a version only where the line says so: a key that names a version ({@code <version>},
 * {@code jackson.version}, {@code version=}, {@code "version":}), a Gradle coordinate {@code "group:artifact:"},
 * a requirement operator, or a dependency or versions table. Elsewhere numbers (ports, timeouts, ratios,
 * dates) are part of the shape, so a line that changes them is not a version bump.
 *
 * @param shape  the content with every version token replaced by a placeholder
 * @param tokens the version tokens in line order
 */
record VersionLine(String shape, List<VersionToken> tokens) {

    private static final String PLACEHOLDER = "\u0000";

    /** Numeric components, then an optional qualifier (-SNAPSHOT, .RELEASE, -rc.1, .Final, -jre, .v1a2b...). */
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\w.\\-])(\\d+(?:\\.\\d+)*)((?:[-.+~][A-Za-z0-9][A-Za-z0-9_+]*)*)(?![\\w])");
    private static final Pattern KEY_AT_END = Pattern.compile("([A-Za-z_][\\w.\\-]*)$");
    private static final Pattern COORDINATE_END = Pattern.compile("[\"'][\\w.\\-]+:[\\w.\\-]+:$");
    private static final Pattern REQUIREMENT_END = Pattern.compile("[\\w.\\-\\]\\[]\\s*(===|==|>=|<=|~=|!=|<|>)\\s*$");

    VersionLine {
        tokens = List.copyOf(tokens);
    }

    /**
     * Splits a line's content (no terminator).
     *
     * @param kind      the file's kind
     * @param enclosing   the enclosing element path, table or object key, from {@link EnclosingScope}
     * @param parentIsOwn for a POM, whether its parent's version is the project's own
     */
    static VersionLine parse(VersionFileKind kind, String enclosing, String content, boolean parentIsOwn) {
        List<VersionToken> tokens = new ArrayList<>();
        StringBuilder shape = new StringBuilder();
        int last = 0;
        Matcher m = CANDIDATE.matcher(content);
        while (m.find()) {
            String numeric = m.group(1);
            String prefix = content.substring(0, m.start());
            String key = keyBefore(prefix);
            boolean keyNamesVersion = key != null && namesVersion(key);
            boolean dotted = numeric.indexOf('.') >= 0;
            boolean version = keyNamesVersion || dotted && versionPosition(kind, enclosing, prefix, key);
            if (!version) {
                continue;
            }
            String lineStart = key == null ? "" : prefixBeforeKey(prefix, key);
            boolean own = key != null && kind.isOwnVersion(key, lineStart, enclosing, parentIsOwn);
            tokens.add(new VersionToken(m.group(), key == null ? "?" : key, own));
            shape.append(content, last, m.start()).append(PLACEHOLDER);
            last = m.end();
        }
        shape.append(content.substring(last));
        return new VersionLine(shape.toString(), tokens);
    }

    /** This line's content with its tokens replaced, in order, by the given texts. */
    String with(List<String> texts) {
        StringBuilder out = new StringBuilder();
        int t = 0;
        for (int i = 0; i < shape.length(); i++) {
            char c = shape.charAt(i);
            if (c == PLACEHOLDER.charAt(0)) {
                out.append(texts.get(t++));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean namesVersion(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("version") || lower.equals("revision");
    }

    /** A dotted number is a version where its position in the file says it pins something. */
    private static boolean versionPosition(VersionFileKind kind, String enclosing, String prefix, String key) {
        if (COORDINATE_END.matcher(prefix).find()) {
            return true; // "group:artifact:1.2.3"
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

    /** The key written right before a value: {@code <jetty.version>}, {@code version = "}, {@code "name": "^}. */
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

    /**
     * A version in a line.
     *
     * @param text the version as written
     * @param key  the key that names it (an element, property or coordinate part), for reasons
     * @param own  whether it is the project's own version rather than a dependency's
     */
    record VersionToken(String text, String key, boolean own) {
    }
}
