package dev.storageledger.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** An asset as the ledger holds it. {@code owner} may be null. */
public record StoredAsset(AssetRef ref, AssetSize size, String owner, Instant lastChecked) {

    public StoredAsset {
        requireNonNull(ref, "ref is null");
        requireNonNull(size, "size is null");
        requireNonNull(lastChecked, "lastChecked is null");
    }
}
