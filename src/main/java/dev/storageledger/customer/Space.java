package dev.storageledger.customer;

import static java.util.Objects.requireNonNull;

/** A space of a customer. Its own storage policy (may be null) applies on top of the customer's. */
public record Space(int customer, int id, String name, String storagePolicy) {

    public Space {
        requireNonNull(name, "name is null");
    }
}
