package dev.storageledger.security;

/**
 * The security settings are unusable (no usable key encryption key, see {@link KeyEncryptionKey}, clashing audiences,
 * a Cloudreve site half configured, a trusted proxy that is no address): the service does not start, and says what is
 * wrong and what to do ({@link SettingsFailureAnalyzer}).
 */
public class SettingsException extends RuntimeException {

    private final String action;

    SettingsException(String description, String action) {
        super(description);
        this.action = action;
    }

    /** What the operator should do about it. */
    public String action() {
        return action;
    }
}
