package dev.storageledger.ledger.write;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.count.UsageChange;
import java.time.Duration;
import java.time.Instant;

/**
 * Room held for an upload before its asset is recorded: it counts against every limit it touches (its space, its
 * owner, its customer) until a record that names it uses it up, it is released, or it expires.
 *
 * @param owner  a user of the customer, or null
 * @param images how many assets the room is for
 */
public record Reservation(String id, int space, String owner, long images, AssetSize size, Instant expiresAt) {

    public Reservation {
        requireNonNull(id, "id is null");
        requireNonNull(size, "size is null");
        requireNonNull(expiresAt, "expiresAt is null");
        if (images < 0) {
            throw new IllegalArgumentException("images is negative: " + images);
        }
    }

    /** A reservation asked for: it expires {@code ttl} after the moment of the transaction that makes it. */
    public record Request(String id, int space, String owner, long images, AssetSize size, Duration ttl) {

        public Request {
            requireNonNull(id, "id is null");
            requireNonNull(size, "size is null");
            requireNonNull(ttl, "ttl is null");
            if (images < 1) {
                throw new IllegalArgumentException("a reservation is for at least one image, not " + images);
            }
        }

        public Reservation at(Instant now) {
            return new Reservation(id, space, owner, images, size, now.plus(ttl));
        }
    }

    /** What the reservation holds in each scope it touches. */
    public UsageChange held() {
        return new UsageChange(images, size.size(), size.thumbnailSize());
    }
}
