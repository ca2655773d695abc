package dev.storageledger.ledger.read;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.count.Usage;

/** A user as a listing shows it: what they own and may use now, and the room their live reservations hold. */
public record UserFigures(String user, String name, OwnerStorage storage, Usage reserved) {

    public UserFigures {
        requireNonNull(user, "user is null");
        requireNonNull(name, "name is null");
        requireNonNull(storage, "storage is null");
        requireNonNull(reserved, "reserved is null");
    }
}
