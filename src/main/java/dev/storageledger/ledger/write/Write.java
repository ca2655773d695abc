package dev.storageledger.ledger.write;

import dev.storageledger.ledger.StorageRecord;

import java.util.List;

/**
 * One write as a client asked for it: records of one customer, applied all together or not at all; or a new
 * reservation of room (then there are no records).
 *
 * @param measured records of what the real storage was measured to hold (a check, a reconciliation): the ledger
 *                 takes them whatever the limits, because the bytes are stored already
 */
public record Write(int customer, List<StorageRecord> records, Reservation.Request reservation, boolean measured) {

    public Write {
        records = List.copyOf(records);
        if (reservation != null && !records.isEmpty()) {
            throw new IllegalArgumentException("a reservation is a write of its own");
        }
    }

    public Write(int customer, List<StorageRecord> records) {
        this(customer, records, null, false);
    }

    public static Write reserve(int customer, Reservation.Request reservation) {
        return new Write(customer, List.of(), reservation, false);
    }

    public static Write measured(int customer, List<StorageRecord> records) {
        return new Write(customer, records, null, true);
    }
}
