package dev.storageledger.ledger;

import static java.util.Objects.requireNonNull;

/**
 * One write of the ingest side: an asset's current storage (absolute figures, so that a retry changes nothing),
 * or its removal when {@code size} is null. It may name the reservation whose room it uses (null: none).
 */
public record StorageRecord(AssetRef ref, AssetSize size, String owner, String reservation) {

    public StorageRecord {
        requireNonNull(ref, "ref is null");
        if (size == null && (owner != null || reservation != null)) {
            throw new IllegalArgumentException("a deletion has no owner and uses no reservation");
        }
    }

    public static StorageRecord stored(AssetRef ref, AssetSize size, String owner) {
        return stored(ref, size, owner, null);
    }

    public static StorageRecord stored(AssetRef ref, AssetSize size, String owner, String reservation) {
        return new StorageRecord(ref, requireNonNull(size, "size is null"), owner, reservation);
    }

    public static StorageRecord deleted(AssetRef ref) {
        return new StorageRecord(ref, null, null, null);
    }

    public boolean isDeletion() {
        return size == null;
    }
}
