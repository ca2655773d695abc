package dev.storageledger.ledger;

import static java.util.Objects.requireNonNull;

/**
 * The most a scope may store under one storage policy: a number of assets and a total size of stored images
 * (thumbnails are not counted).
 */
public record Limit(String policy, long maximumImages, long maximumSize) {

    public Limit {
        requireNonNull(policy, "policy is null");
        if (maximumImages < 0 || maximumSize < 0) {
            throw new IllegalArgumentException("limit is negative: " + maximumImages + " images, " + maximumSize + " bytes");
        }
    }
}
