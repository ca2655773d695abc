package dev.storageledger.ledger.read;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.StoredAsset;

/** An asset as stored, and whether a check of its real storage is running (one that started within the hour). */
public record AssetStorage(StoredAsset asset, boolean checking) {

    public AssetStorage {
        requireNonNull(asset, "asset is null");
    }
}
