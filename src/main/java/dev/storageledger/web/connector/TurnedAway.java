package dev.storageledger.web.connector;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client addresses just told to come back later because they had their cap of request bodies arriving (429 with
 * Retry-After): for that second their new connections are closed as soon as accepted, before any of their bytes is
 * read. A client that honours Retry-After loses nothing; one that reconnects at once to trickle another body costs an
 * accept and a close, not a request with its thread and buffers answered 429 again, which is what made an attack of
 * slow bodies expensive to turn away.
 */
final class TurnedAway {

    private static final long FOR_NANOS = Duration.ofSeconds(1).toNanos();

    private final ConcurrentHashMap<String, Long> until = new ConcurrentHashMap<>();

    /** {@code client} was answered 429 at {@code now} (System.nanoTime()). */
    void turnAway(String client, long now) {
        until.put(client, now + FOR_NANOS);
    }

    /** Whether {@code client} was turned away less than a second before {@code now}. */
    boolean turnedAway(String client, long now) {
        Long end = until.get(client);
        return end != null && now - end < 0;
    }

    /** Forgets the addresses whose second is over. */
    void purge(long now) {
        until.values().removeIf(end -> now - end >= 0);
    }
}
