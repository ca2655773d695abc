package dev.storageledger.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/** A user of a customer, as an owner of assets, ordered as their totals rows are locked. */
public record OwnerKey(int customer, String user) implements Comparable<OwnerKey> {

    private static final Comparator<OwnerKey> ORDER = Comparator.comparingInt(OwnerKey::customer).thenComparing(OwnerKey::user);

    public OwnerKey {
        requireNonNull(user, "user is null");
    }

    @Override
    public int compareTo(OwnerKey other) {
        return ORDER.compare(this, other);
    }
}
