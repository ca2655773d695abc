package dev.storageledger.database;

import java.sql.SQLTransientConnectionException;

/** No connection is handed out before the ledger's schema is migrated: the service has started, its database not yet. */
final class DatabaseNotReadyException extends SQLTransientConnectionException {

    DatabaseNotReadyException() {
        super("the ledger's schema is not migrated yet: its database has not been reachable since the service started", "08000");
    }
}
