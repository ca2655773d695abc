package dev.storageledger.ledger;

import java.util.List;

/** One write as a client asked for it: records of one customer, applied all together or not at all. */
public record Write(int customer, List<StorageRecord> records) {

    public Write {
        records = List.copyOf(records);
    }
}
