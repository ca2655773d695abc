package dev.storageledger.ledger.write;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.StorageRecord;
import java.util.List;

/** One write as a client asked for it: records of one customer, or a new reservation of room. */
public sealed interface Write {

    int customer();

    /** The index of the first record that names {@code space}, or -1 when none does (a reservation). */
    int indexNamingSpace(int space);

    /** The index of the first record that names {@code user} as its owner, or -1 when none does (a stored asset names them, or a reservation). */
    int indexNamingOwner(String user);

    /**
     * Records of one customer, applied all together or not at all; at most one per asset.
     *
     * @param measured records of what the real storage was measured to hold (a check, a reconciliation): the ledger
     *                 takes them whatever the limits, because the bytes are stored already
     */
    record Records(int customer, List<StorageRecord> records, boolean measured) implements Write {

        public Records {
            records = List.copyOf(records);
        }

        @Override
        public int indexNamingSpace(int space) {
            for (int index = 0; index < records.size(); index++) {
                if (records.get(index).ref().space() == space) {
                    return index;
                }
            }
            return -1;
        }

        @Override
        public int indexNamingOwner(String user) {
            for (int index = 0; index < records.size(); index++) {
                if (user.equals(records.get(index).owner())) {
                    return index;
                }
            }
            return -1;
        }
    }

    /** Room to hold for an upload in its space, its owner and its customer. */
    record Reserve(int customer, Reservation.Request request) implements Write {

        public Reserve {
            requireNonNull(request, "request is null");
        }

        @Override
        public int indexNamingSpace(int space) {
            return -1;
        }

        @Override
        public int indexNamingOwner(String user) {
            return -1;
        }
    }

    static Records records(int customer, List<StorageRecord> records) {
        return new Records(customer, records, false);
    }

    static Records measured(int customer, List<StorageRecord> records) {
        return new Records(customer, records, true);
    }

    static Reserve reserve(int customer, Reservation.Request request) {
        return new Reserve(customer, request);
    }
}
