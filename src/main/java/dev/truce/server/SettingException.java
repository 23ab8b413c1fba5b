package dev.truce.server;

/**
 * A setting start-up cannot do without is missing or unusable. Start-up ends with the message and what to set
 * ({@link #action()}), not a stack trace (see {@link SettingFailureAnalyzer}).
 */
public class SettingException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String action;

    /**
     * @param description what is wrong, e.g. "No webhook secret"
     * @param action      what to set, naming the property and its environment variable
     */
    public SettingException(String description, String action) {
        super(description);
        this.action = action;
    }

    /** With the failure that made the setting unusable (an unreadable file). */
    public SettingException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /** What to set, for the operator. */
    public String action() {
        return action;
    }
}
