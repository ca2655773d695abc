package dev.storageledger.customer;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A customer of the platform, governed by one storage policy.
 *
 * @param displayName how the customer is shown, if it has a name for that (null: none)
 * @param created     when it was made; null for customers made before the ledger kept it, and for one not yet saved
 */
public record Customer(int id, String name, String storagePolicy, String displayName, Instant created) {

    public Customer {
        requireNonNull(name, "name is null");
        requireNonNull(storagePolicy, "storagePolicy is null");
    }

    /** A customer to save: without a display name. */
    public Customer(int id, String name, String storagePolicy) {
        this(id, name, storagePolicy, null, null);
    }
}
