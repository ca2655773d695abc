package dev.storageledger.webhook;

import java.time.Instant;
import java.util.List;

/**
 * One event sent to one webhook: its attempts, the last one's HTTP status (null when no answer came) or error, when it
 * was delivered (a 2xx), when the next attempt is due, or when it was given up.
 */
public record Delivery(long id, String event, String type, Instant eventCreated, int attempts, Instant lastAttemptAt,
        Integer lastStatus, String lastError, Instant deliveredAt, Instant nextAttemptAt, Instant givenUpAt, List<Attempt> attemptLog) {

    public Delivery {
        attemptLog = List.copyOf(attemptLog);
    }

    /** One attempt: when, the status answered (null when none) or the error, and how long it took. */
    public record Attempt(int number, Instant at, Integer status, String error, long durationMillis) {
    }
}
