package dev.storageledger.ledger.postgres;


import dev.storageledger.ledger.write.Reservation;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reservations outside a write: reading a live one, releasing one, and removing
 * rows long expired. Making and using one up are writes (the writer), decided under the scopes' locks.
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
                .query((row, number) -> Rows.reservation(row))
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

    /** Removes the rows of reservations that expired before {@code minutes} minutes ago: they hold nothing already. */
    public int removeExpired(int minutes) {
        return jdbc.sql("DELETE FROM reservation WHERE expires_at < now() - make_interval(mins => :minutes)")
                .param("minutes", minutes)
                .update();
    }
}
