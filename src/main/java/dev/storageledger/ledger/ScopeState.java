package dev.storageledger.ledger;

import static java.util.Objects.requireNonNull;

/** A scope's totals as locked at the start of a group of writes, and its limit (null when none applies). */
public record ScopeState(Usage usage, Limit limit) {

    public ScopeState {
        requireNonNull(usage, "usage is null");
    }
}
