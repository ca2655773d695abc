package dev.storageledger.security;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.DatabaseReady;
import java.util.Arrays;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The administrator's key and the hash of its secret: from LEDGER_ADMIN_KEY / LEDGER_ADMIN_SECRET, or, when no
 * secret is set, generated at the first start on a database, printed once to the console, and kept only as its hash
 * (in the database, so it is read from there once the database answers).
 */
@Component
class AdminCredentials {

    private final String key;
    private final KeyRepository keys;
    /** Known from the settings at once; else read (or generated) once the database answers. */
    private volatile byte[] secretHash;

    AdminCredentials(LedgerProperties properties, KeyRepository keys) {
        LedgerProperties.Admin admin = properties.admin();
        this.key = admin.key();
        this.keys = keys;
        if (admin.secretConfigured()) {
            this.secretHash = Secrets.hash(admin.secret());
        }
    }

    /** The generated secret is made and printed at start, as soon as the database answers, not at the first login. */
    @EventListener(DatabaseReady.class)
    void storeGeneratedSecret() {
        secretHash();
    }

    private byte[] secretHash() {
        byte[] known = secretHash;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (secretHash == null) {
                String generated = Secrets.generate();
                byte[] generatedHash = Secrets.hash(generated);
                byte[] stored = keys.adminSecretHash(key, generatedHash);
                if (Arrays.equals(stored, generatedHash)) {
                    // Printed, not logged: shown this once, and never written to a log file by the logging system.
                    System.out.printf("%n  Storage Ledger generated the administrator's credentials (shown only this once):%n"
                            + "    key:    %s%n    secret: %s%n  Use them with HTTP Basic, or set LEDGER_ADMIN_KEY and LEDGER_ADMIN_SECRET.%n%n",
                            key, generated);
                }
                secretHash = stored;
            }
            return secretHash;
        }
    }

    String key() {
        return key;
    }

    boolean matches(String presentedKey, String presentedSecret) {
        return key.equals(presentedKey) && Secrets.matches(presentedSecret, secretHash());
    }
}
