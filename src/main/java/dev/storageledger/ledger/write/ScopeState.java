package dev.storageledger.ledger.write;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.count.Tally;
import dev.storageledger.ledger.count.TotalOverflowException;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.count.UsageChange;
import dev.storageledger.ledger.limit.Limit;

/**
 * A scope's totals as locked at the start of a group of writes, the room its live reservations hold, and the limit
 * that applies to it ({@link Limit#NONE} when none does). A limit caps what is stored and reserved together.
 */
public record ScopeState(Usage usage, Usage reserved, Limit limit) {

    public ScopeState {
        requireNonNull(usage, "usage is null");
        requireNonNull(reserved, "reserved is null");
        requireNonNull(limit, "limit is null");
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

    /**
     * The scope with a change applied.
     *
     * @throws TotalOverflowException when a figure would pass the largest total the ledger can hold
     */
    public ScopeState after(Tally.ScopeChange change) {
        return new ScopeState(usage.plus(change.stored()), reserved.plus(change.reserved()), limit);
    }
}
