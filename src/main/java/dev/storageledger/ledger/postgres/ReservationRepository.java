package dev.storageledger.ledger.postgres;

import dev.storageledger.ledger.writer.StorageRecorder;

import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.write.Reservation;
import dev.storageledger.ledger.count.Usage;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reservations outside a write: reading a live one, releasing one, the room a scope's live ones hold, and removing
 * rows long expired. Making and using one up are writes (StorageRecorder), decided under the scopes' locks.
 */
@Repository
public class ReservationRepository {

    private final JdbcClient jdbc;

    ReservationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Reservation> findLive(int customer, String id) {
        return jdbc.sql("""
                        SELECT id, space, owner, images, size, thumbnail_size, expires_at FROM reservation
                        WHERE customer = :customer AND id = :id AND expires_at > now()
                        """)
                .param("customer", customer)
                .param("id", id)
                .query((row, number) -> new Reservation(row.getString("id"), row.getInt("space"), row.getString("owner"),
                        row.getLong("images"), new AssetSize(row.getLong("size"), row.getLong("thumbnail_size")),
                        row.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * Releases a live reservation; answers false when there is none. Giving room back needs no lock: a write that
     * counted it a moment ago only held back more than it had to.
     */
    public boolean release(int customer, String id) {
        return jdbc.sql("DELETE FROM reservation WHERE customer = :customer AND id = :id AND expires_at > now()")
                .param("customer", customer)
                .param("id", id)
                .update() == 1;
    }

    /** The room that a customer's live reservations hold; with {@code space}, that space's; with {@code owner}, that user's. */
    public Usage reserved(int customer, Integer space, String owner) {
        return jdbc.sql("""
                        SELECT least(coalesce(sum(images), 0), 9223372036854775807)::bigint AS images,
                               least(coalesce(sum(size), 0), 9223372036854775807)::bigint AS size,
                               least(coalesce(sum(thumbnail_size), 0), 9223372036854775807)::bigint AS thumbnails
                        FROM reservation
                        WHERE customer = :customer AND expires_at > now()
                          AND (CAST(:space AS integer) IS NULL OR space = :space)
                          AND (CAST(:owner AS text) IS NULL OR owner = :owner)
                        """)
                .param("customer", customer)
                .param("space", space)
                .param("owner", owner)
                .query((row, number) -> new Usage(row.getLong("images"), row.getLong("size"), row.getLong("thumbnails")))
                .single();
    }

    /** Removes the rows of reservations that expired before {@code minutes} minutes ago: they hold nothing already. */
    public int removeExpired(int minutes) {
        return jdbc.sql("DELETE FROM reservation WHERE expires_at < now() - make_interval(mins => :minutes)")
                .param("minutes", minutes)
                .update();
    }
}
