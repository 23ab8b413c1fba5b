package dev.truce.conflict;

import java.util.Locale;

/** What a file is, judged from its name: the language label used in reports and by strategies. */
public enum FileType {
    JAVA("java"), KOTLIN("kotlin"), GROOVY("groovy"), SCALA("scala"), PYTHON("python"), GO("go"),
    TYPESCRIPT("typescript"), JAVASCRIPT("javascript"), C("c"), CPP("cpp"), CSHARP("csharp"), RUST("rust"),
    RUBY("ruby"), MAVEN_POM("maven-pom"), GRADLE("gradle"), PROPERTIES("properties"), MANIFEST("manifest"),
    PACKAGE_JSON("package-json"), TOML("toml"), XML("xml"), YAML("yaml"), JSON("json"), INI("ini"),
    CHANGELOG("changelog"), AUTHORS("authors"), MARKDOWN("markdown"), ASCIIDOC("asciidoc"), RST("rst"),
    HTML("html"), CSS("css"), JELLY("jelly"), SHELL("shell"), TEXT("text"), OTHER("other");

    private final String label;

    FileType(String label) {
        this.label = label;
    }

    /** Whether the file is a program's source (names in it refer to declarations a rename or a new signature moves). */
    public boolean isProgramCode() {
        return switch (this) {
            case JAVA, KOTLIN, GROOVY, SCALA, PYTHON, GO, TYPESCRIPT, JAVASCRIPT, C, CPP, CSHARP, RUST, RUBY -> true;
            default -> false;
        };
    }

    /** The report label, for example {@code java} or {@code maven-pom}. */
    public String label() {
        return label;
    }

    /** Classifies a path by its file name. */
    public static FileType of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("pom.xml") || lower.endsWith(".pom")) {
            return MAVEN_POM;
        }
        if (lower.equals("package.json")) {
            return PACKAGE_JSON;
        }
        if (lower.equals("manifest.mf")) {
            return MANIFEST;
        }
        if (lower.startsWith("changelog") || lower.startsWith("changes") || lower.startsWith("news")
                || lower.startsWith("release-notes") || lower.startsWith("history.")) {
            return CHANGELOG;
        }
        if (lower.startsWith("authors") || lower.startsWith("contributors")) {
            return AUTHORS;
        }
        if (lower.endsWith(".gradle") || lower.endsWith(".gradle.kts") || lower.equals("gradle.properties")
                || lower.endsWith(".versions.toml")) {
            return GRADLE;
        }
        int dot = lower.lastIndexOf('.');
        String ext = dot < 0 ? "" : lower.substring(dot + 1);
        return switch (ext) {
            case "java" -> JAVA;
            case "kt", "kts" -> KOTLIN;
            case "groovy" -> GROOVY;
            case "scala" -> SCALA;
            case "py", "pyi" -> PYTHON;
            case "go" -> GO;
            case "ts", "tsx", "mts", "cts" -> TYPESCRIPT;
            case "js", "jsx", "mjs", "cjs" -> JAVASCRIPT;
            case "c", "h" -> C;
            case "cc", "cpp", "cxx", "hpp", "hh", "hxx" -> CPP;
            case "cs" -> CSHARP;
            case "rs" -> RUST;
            case "rb" -> RUBY;
            case "properties" -> PROPERTIES;
            case "toml" -> TOML;
            case "xml", "xsd", "xsl" -> XML;
            case "yml", "yaml" -> YAML;
            case "json" -> JSON;
            case "ini", "cfg" -> INI;
            case "md", "markdown" -> MARKDOWN;
            case "adoc", "asciidoc" -> ASCIIDOC;
            case "rst" -> RST;
            case "html", "htm" -> HTML;
            case "css", "scss", "less" -> CSS;
            case "jelly" -> JELLY;
            case "sh", "bash" -> SHELL;
            case "txt" -> TEXT;
            default -> OTHER;
        };
    }
}
