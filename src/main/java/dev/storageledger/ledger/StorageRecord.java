package dev.storageledger.ledger;

import static java.util.Objects.requireNonNull;

/**
 * One write of the ingest side: an asset's current storage (absolute figures, so that a retry changes nothing),
 * or its removal when {@code size} is null.
 */
public record StorageRecord(AssetRef ref, AssetSize size, String owner) {

    public StorageRecord {
        requireNonNull(ref, "ref is null");
        if (size == null && owner != null) {
            throw new IllegalArgumentException("a deletion has no owner");
        }
    }

    public static StorageRecord stored(AssetRef ref, AssetSize size, String owner) {
        return new StorageRecord(ref, requireNonNull(size, "size is null"), owner);
    }

    public static StorageRecord deleted(AssetRef ref) {
        return new StorageRecord(ref, null, null);
    }

    public boolean isDeletion() {
        return size == null;
    }
}
