package dev.storageledger.security;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.DatabaseReady;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The administrator's key and the hash of its secret: from LEDGER_ADMIN_KEY / LEDGER_ADMIN_SECRET, or, when no
 * secret is set, generated at the first start on a database, logged once, and kept only as its hash
 * (in the database, so it is read from there once the database answers).
 */
@Component
class AdminCredentials {

    private static final Logger log = LoggerFactory.getLogger(AdminCredentials.class);
    private static final String NEW_LINE = System.lineSeparator();

    private final String key;
    private final KeyRepository keys;
    /** Known from the settings at once; else read (or generated) once the database answers. */
    private volatile byte[] secretHash;

    AdminCredentials(LedgerProperties.Admin admin, KeyRepository keys) {
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
                    // Shown this once (only the hash is kept), as one log event: one JSON line with structured logging,
                    // not lines of text in the middle of the JSON stream. WARN, so that no usual level hides it.
                    log.warn("Storage Ledger generated the administrator's credentials (shown only this once):{}"
                            + "    key:    {}{}    secret: {}{}  Use them with HTTP Basic, or set LEDGER_ADMIN_KEY and LEDGER_ADMIN_SECRET.",
                            NEW_LINE, key, NEW_LINE, generated, NEW_LINE);
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
