package dev.storageledger.ledger;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/** One asset within a customer: its space and its id. Ordered so that locks are always taken in one order. */
public record AssetRef(int space, String asset) implements Comparable<AssetRef> {

    private static final Comparator<AssetRef> ORDER = Comparator.comparingInt(AssetRef::space).thenComparing(AssetRef::asset);

    public AssetRef {
        requireNonNull(asset, "asset is null");
    }

    @Override
    public int compareTo(AssetRef other) {
        return ORDER.compare(this, other);
    }
}
