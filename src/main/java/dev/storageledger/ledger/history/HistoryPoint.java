package dev.storageledger.ledger.history;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.count.Usage;
import java.time.Instant;

/** A scope's totals at an instant, and their integrals up to it. */
public record HistoryPoint(Instant at, Usage usage, Integral integral) {

    public HistoryPoint {
        requireNonNull(at, "at is null");
        requireNonNull(usage, "usage is null");
        requireNonNull(integral, "integral is null");
    }
}
