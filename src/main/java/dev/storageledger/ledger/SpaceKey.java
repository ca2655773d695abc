package dev.storageledger.ledger;

import java.util.Comparator;

/** A space of a customer, ordered as their totals rows are locked. */
public record SpaceKey(int customer, int space) implements Comparable<SpaceKey> {

    private static final Comparator<SpaceKey> ORDER = Comparator.comparingInt(SpaceKey::customer).thenComparingInt(SpaceKey::space);

    @Override
    public int compareTo(SpaceKey other) {
        return ORDER.compare(this, other);
    }
}
