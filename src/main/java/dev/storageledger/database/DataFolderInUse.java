package dev.storageledger.database;

import dev.storageledger.SettingsException;
import java.nio.file.Path;

/**
 * Another instance of the service holds the data folder: this one does not start, and says which instance holds it
 * and what to do, as Spring Boot tells a setting's mistake (one reason, no stack trace).
 */
class DataFolderInUse extends SettingsException {

    private static final String ACTION = "Stop that instance first, give this one another folder (LEDGER_DATA_DIR), or run"
            + " every instance on one external PostgreSQL (LEDGER_DB_URL).";

    DataFolderInUse(Path folder, String holder) {
        super("The data folder " + folder + " is in use by another instance of the service (" + holder
                + "): the embedded database cannot be shared.", ACTION);
    }
}
