package dev.storageledger.ledger.limit;

import static java.util.Objects.requireNonNull;

/**
 * The most a scope may store: a storage policy (customers and spaces), a capacity (users), or none (a space without a
 * policy of its own). {@link Limits} says which applies to a scope.
 */
public sealed interface Limit {

    Limit NONE = new None();

    /** How a refusal names this limit, e.g. "the storage policy 'small'". */
    String describe();

    /** No limit of the scope's own: a space without a policy of its own (its customer's still applies to the customer). */
    record None() implements Limit {

        @Override
        public String describe() {
            return "no limit";
        }
    }

    /**
     * A storage policy: a number of assets and a total size of stored images (thumbnails are not counted).
     */
    record Policy(String policy, long maximumImages, long maximumSize) implements Limit {

        public Policy {
            requireNonNull(policy, "policy is null");
            if (maximumImages < 0 || maximumSize < 0) {
                throw new IllegalArgumentException("limit is negative: " + maximumImages + " images, " + maximumSize + " bytes");
            }
        }

        @Override
        public String describe() {
            return "the storage policy '" + policy + "'";
        }
    }

    /**
     * A user's capacity: the bytes they may use, size and thumbnails together (as Cloudreve counts every blob).
     *
     * @param base  the user's quota, or else their plan's capacity, or else 0
     * @param packs the bytes of the storage packs active at the moment of the write
     */
    record Capacity(long base, long packs) implements Limit {

        public Capacity {
            if (base < 0 || packs < 0) {
                throw new IllegalArgumentException("capacity is negative: base " + base + ", packs " + packs);
            }
        }

        /** base + packs; a capacity past the largest total the ledger can hold is that total. */
        public long total() {
            long total = base + packs;
            return total < 0 ? Long.MAX_VALUE : total;
        }

        @Override
        public String describe() {
            return "the capacity (base " + base + " + active storage packs " + packs + " bytes)";
        }
    }
}
