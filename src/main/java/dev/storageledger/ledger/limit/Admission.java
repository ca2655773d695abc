package dev.storageledger.ledger.limit;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.count.UsageChange;

/**
 * Where a limit is decided. A write is admitted to a scope unless it grows a figure that a limit caps and the
 * figure would end above the cap. A write that shrinks or keeps a figure is always admitted, even when a
 * lowered policy or an expired storage pack leaves the scope above its limit.
 */
public sealed interface Admission {

    Admitted ADMITTED = new Admitted();

    /**
     * Decides a write against one scope's limit.
     *
     * @param stored   what the scope stores before the write
     * @param reserved the room that live reservations hold in the scope before the write
     * @param after    the scope's usage with the write applied (the write's own size counted), stored and reserved
     *                 together: what a limit caps
     * @param change   what the write adds to the scope
     * @param limit    the scope's limit
     */
    static Admission decide(Scope scope, Usage stored, Usage reserved, Usage after, UsageChange change, Limit limit) {
        requireNonNull(scope, "scope is null");
        requireNonNull(stored, "stored is null");
        requireNonNull(reserved, "reserved is null");
        switch (limit) {
            case Limit.None none -> {
                return ADMITTED;
            }
            case Limit.Policy policy -> {
                if (change.images() > 0 && after.images() > policy.maximumImages()) {
                    return new LimitExceeded(scope, limit, Dimension.NUMBER_OF_IMAGES, policy.maximumImages(), stored.images(),
                            reserved.images(), after.images());
                }
                if (change.size() > 0 && after.size() > policy.maximumSize()) {
                    return new LimitExceeded(scope, limit, Dimension.TOTAL_SIZE, policy.maximumSize(), stored.size(), reserved.size(),
                            after.size());
                }
            }
            case Limit.Capacity capacity -> {
                // used > total, written so that it cannot overflow: both figures and the total are >= 0.
                if (saturatedSum(change.size(), change.thumbnails()) > 0 && after.size() > capacity.total() - after.thumbnails()) {
                    return new LimitExceeded(scope, limit, Dimension.BYTES_USED, capacity.total(), stored.bytesUsed(),
                            reserved.bytesUsed(), after.bytesUsed());
                }
            }
        }
        return ADMITTED;
    }

    private static long saturatedSum(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }

    record Admitted() implements Admission {
    }

    enum Dimension {
        NUMBER_OF_IMAGES("number of images"),
        TOTAL_SIZE("total size of stored images"),
        BYTES_USED("bytes used (size and thumbnails)");

        private final String label;

        Dimension(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The write was refused: it would take {@code dimension} of {@code scope}, whose figure before it was
     * {@code stored} stored and {@code reserved} held by live reservations, to {@code wouldReach} (stored and reserved
     * together, with the write).
     */
    record LimitExceeded(Scope scope, Limit limit, Dimension dimension, long maximum, long stored, long reserved, long wouldReach)
            implements Admission {

        public LimitExceeded {
            requireNonNull(scope, "scope is null");
            requireNonNull(limit, "limit is null");
            requireNonNull(dimension, "dimension is null");
        }

        public String detail() {
            return "This operation will fall outside of " + limit.describe() + " of " + scope + " for " + dimension.label()
                    + ": maximum is " + maximum + "; stored " + stored + " and reserved " + reserved
                    + ", the write would reach " + wouldReach;
        }
    }
}
