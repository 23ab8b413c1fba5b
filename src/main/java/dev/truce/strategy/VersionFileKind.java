package dev.truce.strategy;

import java.util.Locale;

/**
 * The build and version files {@link VersionBumpStrategy} works in, recognised by name; each knows which key
 * holds the project's own version (its release identity) rather than a dependency's.
 */
enum VersionFileKind {
    /**
     * A Maven POM: {@code <version>} of {@code <project>}, the CI-friendly {@code <revision>}, and the
     * {@code <parent>}'s version where the project shares it.
     */
    MAVEN_POM,
    /** A Gradle build script, Groovy or Kotlin DSL: a top-level {@code version = ...}. */
    GRADLE_SCRIPT,
    /** A Java properties file, {@code gradle.properties} included: the key {@code version}. */
    PROPERTIES,
    /** A TOML file (Cargo.toml, pyproject.toml, libs.versions.toml): {@code version} in a package table. */
    TOML,
    /** An npm {@code package.json}: the top-level {@code "version"}. */
    PACKAGE_JSON,
    /** A JAR manifest: {@code Bundle-Version}, {@code Implementation-Version}, {@code Specification-Version}. */
    MANIFEST,
    /** A setuptools {@code setup.cfg}: {@code version} in {@code [metadata]}. */
    SETUP_CFG,
    /** A pip requirements or constraints file: every line pins a package, none is the project. */
    REQUIREMENTS;

    /** The kind of a path, or {@code null} when it is not a build or version file. */
    static VersionFileKind of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.equals("pom.xml") || name.endsWith(".pom")) {
            return MAVEN_POM;
        }
        if (name.endsWith(".gradle") || name.endsWith(".gradle.kts")) {
            return GRADLE_SCRIPT;
        }
        if (name.endsWith(".properties")) {
            return PROPERTIES;
        }
        if (name.equals("cargo.toml") || name.equals("pyproject.toml") || name.endsWith(".versions.toml")) {
            return TOML;
        }
        if (name.equals("package.json")) {
            return PACKAGE_JSON;
        }
        if (name.equals("manifest.mf")) {
            return MANIFEST;
        }
        if (name.equals("setup.cfg")) {
            return SETUP_CFG;
        }
        if ((name.startsWith("requirements") || name.startsWith("constraints")) && name.endsWith(".txt")) {
            return REQUIREMENTS;
        }
        return null;
    }

    /**
     * Whether a version under this key is the project's own version.
     *
     * @param key       the key naming the token, as written
     * @param keyStartsLine whether only whitespace, {@code <} and {@code "} stand before the key on its line
     * @param enclosing the enclosing XML element path, TOML/INI table or JSON object key ("" at top level)
     * @param parentIsOwn for a POM, whether its {@code <parent><version>} is the project's own version
     *                    ({@link MavenCoordinates#parentVersionIsOwn()})
     */
    boolean isOwnVersion(String key, boolean keyStartsLine, String enclosing, boolean parentIsOwn) {
        return switch (this) {
            case MAVEN_POM -> key.equals("revision") || key.equals("version")
                    && (enclosing.equals("project") || parentIsOwn && enclosing.equals("project/parent"));
            case GRADLE_SCRIPT -> key.equals("version") && keyStartsLine;
            case PROPERTIES -> key.equals("version");
            case TOML -> key.equals("version") && (enclosing.equals("package") || enclosing.equals("workspace.package")
                    || enclosing.equals("project") || enclosing.equals("tool.poetry"));
            case PACKAGE_JSON -> key.equals("version") && enclosing.isEmpty();
            case MANIFEST -> key.equals("Bundle-Version") || key.equals("Implementation-Version")
                    || key.equals("Specification-Version");
            case SETUP_CFG -> key.equals("version") && enclosing.equals("metadata");
            case REQUIREMENTS -> false;
        };
    }
}
