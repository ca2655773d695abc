package dev.storageledger;

/**
 * The settings are unusable (no usable key encryption key, clashing audiences, a Cloudreve site half configured, a
 * trusted proxy that is no address, the embedded database as root without leave): the service does not start, and says
 * what is wrong and what to do ({@link SettingsFailureAnalyzer}), as Spring Boot tells a setting's mistake.
 */
public class SettingsException extends RuntimeException {

    private final String action;

    public SettingsException(String description, String action) {
        super(description);
        this.action = action;
    }

    /** What the operator should do about it. */
    public String action() {
        return action;
    }
}
