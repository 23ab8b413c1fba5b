package dev.truce.validate;

/**
 * One reason a resolved file failed a check.
 *
 * @param check      which check failed
 * @param diagnostic where and what: the line in the resolved text and a message that says what is wrong there
 */
public record CheckFailure(Check check, Diagnostic diagnostic) {

    @Override
    public String toString() {
        return check.label() + ": " + diagnostic;
    }
}
