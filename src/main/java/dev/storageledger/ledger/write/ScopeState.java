package dev.storageledger.ledger.write;

import dev.storageledger.ledger.count.TotalOverflowException;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.count.UsageChange;
import dev.storageledger.ledger.limit.Limit;

import static java.util.Objects.requireNonNull;

/**
 * A scope's totals as locked at the start of a group of writes, the room its live reservations hold, and its
 * limit (null when none applies). A limit caps what is stored and reserved together.
 */
public record ScopeState(Usage usage, Usage reserved, Limit limit) {

    public ScopeState {
        requireNonNull(usage, "usage is null");
        requireNonNull(reserved, "reserved is null");
    }

    /** A scope that no reservation holds room in. */
    public ScopeState(Usage usage, Limit limit) {
        this(usage, Usage.NONE, limit);
    }

    /**
     * What the scope stores and holds together.
     *
     * @throws TotalOverflowException when that passes the largest total the ledger can hold
     */
    public Usage held() {
        return usage.plus(new UsageChange(reserved.images(), reserved.size(), reserved.thumbnails()));
    }
}
