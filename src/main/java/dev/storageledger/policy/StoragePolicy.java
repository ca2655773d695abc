package dev.storageledger.policy;

import static java.util.Objects.requireNonNull;

/** A DLCS storage policy: the most images, and bytes of images (thumbnails excluded), a scope may store. */
public record StoragePolicy(String id, long maximumNumberOfStoredImages, long maximumTotalSizeOfStoredImages) {

    public static final String DEFAULT = "default";

    public StoragePolicy {
        requireNonNull(id, "id is null");
        if (maximumNumberOfStoredImages < 0 || maximumTotalSizeOfStoredImages < 0) {
            throw new IllegalArgumentException("a policy's maxima must not be negative");
        }
    }
}
