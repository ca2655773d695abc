package dev.storageledger.ledger.read;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Limit;

/** What a user owns (size and thumbnails together are what they use), and what they may use now. */
public record OwnerStorage(Usage usage, Limit.Capacity capacity) {

    public OwnerStorage {
        requireNonNull(usage, "usage is null");
        requireNonNull(capacity, "capacity is null");
    }
}
