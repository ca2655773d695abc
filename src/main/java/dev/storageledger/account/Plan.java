package dev.storageledger.account;

import static java.util.Objects.requireNonNull;

/** A plan (a Cloudreve group, a Cocoon plan): the capacity of each user on it who has no quota of their own. */
public record Plan(String id, String name, long capacity) {

    public Plan {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity is negative: " + capacity);
        }
    }
}
