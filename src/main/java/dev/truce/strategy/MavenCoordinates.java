package dev.truce.strategy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version a POM declares for its project and for its {@code <parent>}, as written (properties unexpanded);
 * {@code null} where the POM declares none.
 *
 * <p>Decides when the parent's version is the project's own: when the project declares no version (it inherits
 * the parent's, so the two are one value) or declares the same one as its parent (a module released with its
 * parent, as in one multi-module build). An external parent (spring-boot-starter-parent, a plugin parent POM)
 * has a version of its own, so its version stays a dependency's.
 */
record MavenCoordinates(String version, String parentVersion) {

    private static final Pattern XML_COMMENT = Pattern.compile("<!--.*?(-->|$)", Pattern.DOTALL);
    private static final Pattern XML_TAG = Pattern.compile("<(/?)([A-Za-z_][\\w.:\\-]*)[^<>]*?(/?)>");

    /** Reads one side's whole POM text. */
    static MavenCoordinates read(String pom) {
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

    /** Whether the parent's version is this project's own version (see the type's description). */
    boolean parentVersionIsOwn() {
        return parentVersion != null && (version == null || version.equals(parentVersion));
    }
}
