package dev.truce.yaml;

/** A YAML settings file is not valid; the message names the file, the key and what to write instead. */
public class YamlFileException extends Exception {

    /** A problem with the file. */
    public YamlFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem with the file found after binding (a value out of range). */
    public YamlFileException(String message) {
        super(message);
    }
}
