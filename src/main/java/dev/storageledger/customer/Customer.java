package dev.storageledger.customer;

import static java.util.Objects.requireNonNull;

/** A customer of the platform, governed by one storage policy. */
public record Customer(int id, String name, String storagePolicy) {

    public Customer {
        requireNonNull(name, "name is null");
        requireNonNull(storagePolicy, "storagePolicy is null");
    }
}
