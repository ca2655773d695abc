package dev.storageledger.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Bytes added to a user's capacity while activeFrom <= now < expiresAt. What is stored stays when it expires. */
public record StoragePack(String id, String name, long size, Instant activeFrom, Instant expiresAt) {

    public StoragePack {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(activeFrom, "activeFrom is null");
        requireNonNull(expiresAt, "expiresAt is null");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
        if (!expiresAt.isAfter(activeFrom)) {
            throw new IllegalArgumentException("a pack expires after it becomes active");
        }
    }

    public boolean isActiveAt(Instant instant) {
        return !activeFrom.isAfter(instant) && expiresAt.isAfter(instant);
    }
}
