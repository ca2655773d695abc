package dev.storageledger.ledger.writer;

import java.util.Locale;

/** What a client asked the writer for; the metrics count writes by it. */
public enum Operation {
    RECORD, DELETE, BATCH, RESERVE, MEASURED;

    /** The name the metrics tag writes with: record, delete, batch, reserve, measured. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
