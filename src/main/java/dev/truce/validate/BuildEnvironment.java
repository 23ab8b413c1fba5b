package dev.truce.validate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The environment a build gets: nothing of Truce's. Only {@code PATH}, {@code LANG}, {@code JAVA_HOME} and the
 * names an operator allowed are copied from Truce's environment; {@code HOME} and {@code TMPDIR} point into a
 * temporary folder. Names that look like Truce settings or secrets ({@code TRUCE_*}, {@code GITHUB_*},
 * {@code *TOKEN*}, {@code *SECRET*}, {@code *PASSWORD*}, {@code *KEY*}, {@code *CREDENTIAL*}) cannot be
 * allowed.
 */
public final class BuildEnvironment {

    private static final Pattern REFUSED = Pattern.compile(
            "(TRUCE_|GITHUB_).*|.*(TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL|AUTH|COOKIE|SESSION).*");
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private final Map<String, String> parent;
    private final List<String> allowed;
    private final Map<String, String> fixed;

    private BuildEnvironment(Map<String, String> parent, List<String> allowed, Map<String, String> fixed) {
        for (String name : allowed) {
            refuseSecret(name);
        }
        for (String name : fixed.keySet()) {
            refuseSecret(name);
        }
        this.parent = Map.copyOf(parent);
        this.allowed = List.copyOf(allowed);
        this.fixed = Map.copyOf(fixed);
    }

    /** The default: Truce's own environment as the source, nothing allowed beyond the three names. */
    public static BuildEnvironment clean() {
        return new BuildEnvironment(System.getenv(), List.of(), Map.of());
    }

    /**
     * An environment built from {@code parent} (Truce's environment, or a stand-in in tests).
     *
     * @param parent  where allowed values are copied from
     * @param allowed further names copied when set, such as {@code MAVEN_OPTS}
     * @param fixed   names set to fixed values, such as {@code CI=true}
     * @throws IllegalArgumentException when a name looks like a Truce setting or a secret
     */
    public static BuildEnvironment of(Map<String, String> parent, List<String> allowed, Map<String, String> fixed) {
        return new BuildEnvironment(parent, allowed, fixed);
    }

    private static void refuseSecret(String name) {
        if (REFUSED.matcher(name.toUpperCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException(name + " looks like a Truce setting or a secret, and a build is"
                    + " untrusted code: it cannot be passed to builds");
        }
    }

    /** The variables for a build whose home and temporary folder are the given ones. */
    Map<String, String> variables(Path home, Path tmp) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("PATH", parent.getOrDefault("PATH", DEFAULT_PATH));
        out.put("LANG", parent.getOrDefault("LANG", "C.UTF-8"));
        out.put("JAVA_HOME", javaHome());
        for (String name : allowed) {
            String value = parent.get(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        out.putAll(fixed);
        out.put("HOME", home.toString());
        out.put("TMPDIR", tmp.toString());
        return out;
    }

    /** Truce's {@code JAVA_HOME}, or the JDK Truce runs on. */
    String javaHome() {
        String home = parent.get("JAVA_HOME");
        return home != null && !home.isBlank() ? home : System.getProperty("java.home");
    }
}
