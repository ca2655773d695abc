package dev.storageledger.ledger.postgres;

import dev.storageledger.database.TransactionTime;
import dev.storageledger.ledger.write.Reservation;
import dev.storageledger.ledger.write.ReservationIds;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reservations outside a write: reading a live one, telling ids never made, releasing one, and removing
 * rows long expired. Making and using one up are writes (the writer), decided under the scopes' locks.
 */
@Repository
public class ReservationRepository implements ReservationIds {

    private final JdbcClient jdbc;
    private final TransactionTime time;

    ReservationRepository(JdbcClient jdbc, TransactionTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    /** A statement with its {@code :now} bound (the transaction's time; a statement without one ignores it). */
    private JdbcClient.StatementSpec statement(String sql) {
        return jdbc.sql(sql).param("now", time.parameter());
    }

    public Optional<Reservation> findLive(int customer, String id) {
        return statement("""
                        SELECT id, space, owner, images, size, thumbnail_size, expires_at FROM reservation
                        WHERE customer = :customer AND id = :id AND expires_at > CAST(:now AS timestamptz)
                        """)
                .param("customer", customer)
                .param("id", id)
                .query((row, number) -> Rows.reservation(row))
                .optional();
    }

    /** A page of a customer's live reservations, those that expire first first (then by id). */
    public List<Reservation> live(int customer, long offset, int limit) {
        return statement("""
                        SELECT id, space, owner, images, size, thumbnail_size, expires_at FROM reservation
                        WHERE customer = :customer AND expires_at > CAST(:now AS timestamptz)
                        ORDER BY expires_at, id LIMIT :limit OFFSET :offset
                        """)
                .param("customer", customer)
                .param("limit", limit)
                .param("offset", offset)
                .query((row, number) -> Rows.reservation(row))
                .list();
    }

    public long countLive(int customer) {
        return statement("SELECT count(*) FROM reservation WHERE customer = :customer AND expires_at > CAST(:now AS timestamptz)")
                .param("customer", customer)
                .query(Long.class)
                .single();
    }

    /** The ids made are kept in reservation_made, written in the statement that makes each reservation. */
    @Override
    public Set<String> neverMade(int customer, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(statement("""
                        SELECT k.id FROM unnest(:ids) AS k(id)
                        WHERE NOT EXISTS (SELECT 1 FROM reservation_made m WHERE m.customer = :customer AND m.id = k.id)
                        """)
                .param("customer", customer)
                .param("ids", SqlArrays.texts(List.copyOf(ids), id -> id))
                .query(String.class)
                .list());
    }

    /**
     * Releases a live reservation; answers false when there is none. Giving room back needs no lock: a write that
     * counted it a moment ago only held back more than it had to.
     */
    public boolean release(int customer, String id) {
        return statement("DELETE FROM reservation WHERE customer = :customer AND id = :id AND expires_at > CAST(:now AS timestamptz)")
                .param("customer", customer)
                .param("id", id)
                .update() == 1;
    }

    /** Removes the rows of reservations that expired before {@code minutes} minutes ago: they hold nothing already. */
    public int removeExpired(int minutes) {
        return statement("DELETE FROM reservation WHERE expires_at < CAST(:now AS timestamptz) - make_interval(mins => :minutes)")
                .param("minutes", minutes)
                .update();
    }
}
