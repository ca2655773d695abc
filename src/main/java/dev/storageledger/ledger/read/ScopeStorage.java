package dev.storageledger.ledger.read;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.count.Usage;
import java.time.Instant;

/** A customer's or a space's storage as stored (never summed on read), and the policy that governs it. */
public record ScopeStorage(Usage usage, Instant lastCalculated, String storagePolicy) {

    public ScopeStorage {
        requireNonNull(usage, "usage is null");
        requireNonNull(lastCalculated, "lastCalculated is null");
        requireNonNull(storagePolicy, "storagePolicy is null");
    }
}
