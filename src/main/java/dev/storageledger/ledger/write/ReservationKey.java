package dev.storageledger.ledger.write;

import static java.util.Objects.requireNonNull;

/** A reservation of a customer. */
public record ReservationKey(int customer, String id) {

    public ReservationKey {
        requireNonNull(id, "id is null");
    }
}
