package dev.storageledger.quota;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.limit.Fullness;
import java.time.Instant;

/**
 * One limit of a scope and how near it is: what is stored against its maximum, the room live reservations hold, what
 * is left, the fraction taken (stored and reserved), its state, and when it would be full at its recent growth.
 *
 * @param limit        the figure it limits: numberOfStoredImages, totalSizeOfStoredImages, or used (a user's bytes)
 * @param policy       the storage policy it comes from, or null for a user's capacity
 * @param forecastFull when the stored figure would reach the maximum at the growth of the forecast window; null when
 *                     it is not growing
 */
public record LimitState(String limit, String policy, long maximum, long used, long reserved, long remaining,
        double fractionUsed, Fullness state, Instant forecastFull) {

    public LimitState {
        requireNonNull(limit, "limit is null");
        requireNonNull(state, "state is null");
    }
}
