package dev.storageledger.ledger.housekeeping;

import dev.storageledger.database.LongStatements;
import dev.storageledger.ledger.postgres.ReservationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes the rows of reservations that expired a while ago. Only for space: an expired reservation holds no room
 * from its expiry instant on, whether or not this has run (every sum reads only live ones). Every instance may run
 * it; the DELETE is the same whoever runs it.
 */
@Component
class ReservationHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(ReservationHousekeeping.class);
    private static final int KEPT_MINUTES = 10;

    private final ReservationRepository reservations;

    ReservationHousekeeping(ReservationRepository reservations) {
        this.reservations = reservations;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void removeExpired() {
        // A purge, not a request: however many rows have piled up, it gets the long statements' timeout.
        int removed = LongStatements.call(() -> reservations.removeExpired(KEPT_MINUTES));
        if (removed > 0) {
            log.debug("Removed {} reservations that expired over {} minutes ago", removed, KEPT_MINUTES);
        }
    }
}
