package dev.storageledger.customer;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A space of a customer. Its own storage policy (may be null) applies on top of the customer's.
 *
 * @param created when it was made; null for spaces made before the ledger kept it, and for one not yet saved
 */
public record Space(int customer, int id, String name, String storagePolicy, Instant created) {

    public Space {
        requireNonNull(name, "name is null");
    }

    /** A space to save. */
    public Space(int customer, int id, String name, String storagePolicy) {
        this(customer, id, name, storagePolicy, null);
    }
}
