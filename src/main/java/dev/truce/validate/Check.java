package dev.truce.validate;

/** The in-process checks of a resolved file, by the stable names reports and {@code eval} counts use. */
public enum Check {
    /** No conflict marker that neither side had. */
    MARKERS("markers"),
    /** The file still parses as its format (Java, XML, JSON, YAML, TOML, properties), when both sides did. */
    SYNTAX("syntax"),
    /** No Java import clash or dropped import the compiler would reject. */
    IMPORTS("imports");

    private final String label;

    Check(String label) {
        this.label = label;
    }

    /** The stable name: {@code markers}, {@code syntax} or {@code imports}. */
    public String label() {
        return label;
    }
}
