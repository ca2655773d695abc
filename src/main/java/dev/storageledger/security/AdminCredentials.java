package dev.storageledger.security;

import dev.storageledger.LedgerProperties;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * The administrator's key and the hash of its secret: from LEDGER_ADMIN_KEY / LEDGER_ADMIN_SECRET, or, when no
 * secret is set, generated at first start, printed once to the console, and kept only as its hash.
 */
@Component
class AdminCredentials {

    private final String key;
    private final byte[] secretHash;

    AdminCredentials(LedgerProperties properties, KeyRepository keys) {
        LedgerProperties.Admin admin = properties.admin();
        this.key = admin.key();
        if (admin.secretConfigured()) {
            this.secretHash = Secrets.hash(admin.secret());
            return;
        }
        String generated = Secrets.generate();
        byte[] generatedHash = Secrets.hash(generated);
        this.secretHash = keys.adminSecretHash(key, generatedHash);
        if (Arrays.equals(secretHash, generatedHash)) {
            // Printed, not logged: shown this once, and never written to a log file by the logging system.
            System.out.printf("%n  Storage Ledger generated the administrator's credentials (shown only this once):%n"
                    + "    key:    %s%n    secret: %s%n  Use them with HTTP Basic, or set LEDGER_ADMIN_KEY and LEDGER_ADMIN_SECRET.%n%n",
                    key, generated);
        }
    }

    String key() {
        return key;
    }

    boolean matches(String presentedKey, String presentedSecret) {
        return key.equals(presentedKey) && Secrets.matches(presentedSecret, secretHash);
    }
}
