package dev.storageledger.ledger.reservation;

import dev.storageledger.ledger.postgres.ReservationRepository;
import dev.storageledger.ledger.write.Reservation;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The live reservations as the API shows them, and their release. Making one and using one up are writes (the
 * writer); releasing one needs no lock, since giving room back can only make a write that counted it too careful.
 */
@Service
public class LiveReservations {

    private final ReservationRepository reservations;

    LiveReservations(ReservationRepository reservations) {
        this.reservations = reservations;
    }

    public Optional<Reservation> find(int customer, String id) {
        return reservations.findLive(customer, id);
    }

    /** A page of a customer's live reservations, those that expire first first (then by id). */
    public List<Reservation> page(int customer, long offset, int limit) {
        return reservations.live(customer, offset, limit);
    }

    public long count(int customer) {
        return reservations.countLive(customer);
    }

    /** Answers false when the customer has no live reservation of that id. */
    public boolean release(int customer, String id) {
        return reservations.release(customer, id);
    }
}
