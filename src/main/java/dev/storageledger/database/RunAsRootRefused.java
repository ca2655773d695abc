package dev.storageledger.database;

import dev.storageledger.SettingsException;

/**
 * The service runs as root and LEDGER_EMBEDDED_DB_ALLOW_ROOT is not set: it does not start the embedded PostgreSQL, and
 * says why and what to do, as Spring Boot tells a setting's mistake.
 */
public class RunAsRootRefused extends SettingsException {

    static final String ACTION = "Run the service as an unprivileged user, or use an external PostgreSQL (LEDGER_DB_URL), or set"
            + " LEDGER_EMBEDDED_DB_ALLOW_ROOT=true to run it as root all the same (on a machine that is the service's alone)";

    RunAsRootRefused() {
        super("The service runs as root (uid 0), and the embedded PostgreSQL would run with root's reach over the machine's"
                + " files (PostgreSQL refuses root; the embedded one would get around it in a user namespace). " + ACTION, ACTION);
    }
}
