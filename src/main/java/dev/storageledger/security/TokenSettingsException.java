package dev.storageledger.security;

/**
 * The settings of users' tokens are unusable (no usable key encryption key, see {@link KeyEncryptionKey}, or
 * clashing audiences): the service does not start, and says what is wrong and what to do
 * ({@link TokenSettingsFailureAnalyzer}).
 */
public class TokenSettingsException extends RuntimeException {

    private final String action;

    TokenSettingsException(String description, String action) {
        super(description);
        this.action = action;
    }

    /** What the operator should do about it. */
    public String action() {
        return action;
    }
}
