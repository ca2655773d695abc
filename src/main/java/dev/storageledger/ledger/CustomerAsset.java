package dev.storageledger.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/** An asset of a customer, ordered as asset rows are locked. */
public record CustomerAsset(int customer, AssetRef ref) implements Comparable<CustomerAsset> {

    private static final Comparator<CustomerAsset> ORDER = Comparator.comparingInt(CustomerAsset::customer)
            .thenComparing(CustomerAsset::ref);

    public CustomerAsset {
        requireNonNull(ref, "ref is null");
    }

    @Override
    public int compareTo(CustomerAsset other) {
        return ORDER.compare(this, other);
    }
}
