package dev.storageledger.web.connector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The requests whose body is still on its way, so that slow bodies cannot take the heap: each one holds a thread whose
 * stack lives on the heap while it waits, and the connection's buffers and the JSON parser's (about 130 KB in all,
 * measured with a heap histogram). A request is counted from the end of its head until its handler returns, but only
 * while its body has not all been read: a body that had arrived with its head is never counted, and one read to its
 * end no longer is. At most {@code maxPerClient} bodies of one client address, and {@code max} in all, arrive at once:
 * a new one over a cap ends the oldest that has been arriving for more than a second (of its client, or of all), or
 * else is refused. One still arriving {@code timeout} after its head was read is ended by the endpoint's sweep.
 */
final class RequestBodies {

    /** A request with a body, as this class sees it. */
    interface Body {

        /** Whether bytes of its body are still to be read. */
        boolean arriving();

        /** Ends the request: its body did not arrive in time, or a newer one needs its place. */
        void end();
    }

    /** Whether a body may be waited for. */
    enum Admission {
        ADMITTED,
        /** Its client address has its cap of bodies arriving already. */
        CLIENT_FULL,
        /** The server has its cap of bodies arriving already. */
        SERVER_FULL
    }

    private record Arrival(String client, long admittedNanos) {
    }

    private static final long SLOW_AFTER_NANOS = Duration.ofSeconds(1).toNanos();

    private final Map<Body, Arrival> admitted = new LinkedHashMap<>();
    private final LongAdder refused = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder evicted = new LongAdder();
    private volatile long timeoutNanos = Duration.ofSeconds(30).toNanos();
    private volatile int maxPerClient = 8;
    private volatile int max = 256;

    void setTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("bodyTimeout must be positive, not " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
    }

    Duration getTimeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    void setMaximum(int maximum, int perClient) {
        if (maximum < 1 || perClient < 1) {
            throw new IllegalArgumentException("maxBodies and maxBodiesPerClient must be at least 1, not " + maximum + " and " + perClient);
        }
        this.max = maximum;
        this.maxPerClient = perClient;
    }

    int getMaximum() {
        return max;
    }

    int getMaximumPerClient() {
        return maxPerClient;
    }

    /** Requests answered at once, their body unread, because their client or the server had its cap of bodies arriving. */
    long refused() {
        return refused.sum();
    }

    /** Requests ended because their body had not arrived within the deadline. */
    long expired() {
        return expired.sum();
    }

    /** Requests ended, their client or the server at its cap, to make room for a newer body: theirs was the oldest. */
    long evicted() {
        return evicted.sum();
    }

    /**
     * Admits {@code body} of {@code client}, its head read at {@code now} (System.nanoTime()), unless its client has
     * its cap of bodies arriving, or the server has, and none of those has been arriving for more than a second.
     */
    Admission admit(Body body, String client, long now) {
        Decision decision = decide(body, client, now);
        // Ended outside the lock: ending a request touches its connection.
        if (decision.ended() != null) {
            decision.ended().end();
            evicted.increment();
        }
        if (decision.admission() != Admission.ADMITTED) {
            refused.increment();
        }
        return decision.admission();
    }

    private record Decision(Admission admission, Body ended) {
    }

    private synchronized Decision decide(Body body, String client, long now) {
        Objects.requireNonNull(client, "client is null");
        int all = 0;
        int ofClient = 0;
        Map.Entry<Body, Arrival> oldest = null;
        Map.Entry<Body, Arrival> oldestOfClient = null;
        for (Map.Entry<Body, Arrival> entry : admitted.entrySet()) {
            if (entry.getKey().arriving()) {
                all++;
                // The map keeps the order of admission: the first one seen is the oldest.
                oldest = oldest == null ? entry : oldest;
                if (entry.getValue().client().equals(client)) {
                    ofClient++;
                    oldestOfClient = oldestOfClient == null ? entry : oldestOfClient;
                }
            }
        }
        Map.Entry<Body, Arrival> making = ofClient >= maxPerClient ? oldestOfClient : all >= max ? oldest : null;
        if ((ofClient >= maxPerClient || all >= max) && (making == null || !slow(making.getValue(), now))) {
            return new Decision(ofClient >= maxPerClient ? Admission.CLIENT_FULL : Admission.SERVER_FULL, null);
        }
        Body ended = making == null ? null : making.getKey();
        if (ended != null) {
            admitted.remove(ended);
        }
        admitted.put(body, new Arrival(client, now));
        return new Decision(Admission.ADMITTED, ended);
    }

    /**
     * Whether a body has been arriving long enough to be ended to make room for a newer one. Any body that a client sent
     * at once has arrived by then; ending only those keeps the room made at a second per place, so that a sender whose
     * bodies are ended cannot make the server end its others in a loop as fast as it reconnects.
     */
    private static boolean slow(Arrival arrival, long now) {
        return now - arrival.admittedNanos() > SLOW_AFTER_NANOS;
    }

    /** The client address of each body arriving for more than a second. */
    synchronized List<String> slowClients(long now) {
        List<String> slow = new ArrayList<>();
        admitted.forEach((body, arrival) -> {
            if (slow(arrival, now) && body.arriving()) {
                slow.add(arrival.client());
            }
        });
        return slow;
    }

    /** Forgets {@code body}: its request has been answered. */
    synchronized void release(Body body) {
        admitted.remove(body);
    }

    /**
     * Ends the bodies still arriving {@code timeout} after their head was read at {@code now}, each once: they are
     * forgotten here, so their places are free at once.
     */
    void endOverdue(long now) {
        for (Body late : overdue(now)) {
            late.end();
            expired.increment();
        }
    }

    private synchronized List<Body> overdue(long now) {
        List<Body> overdue = new ArrayList<>();
        admitted.entrySet().removeIf(entry -> {
            boolean late = now - entry.getValue().admittedNanos() > timeoutNanos && entry.getKey().arriving();
            if (late) {
                overdue.add(entry.getKey());
            }
            return late;
        });
        return overdue;
    }

    /** How many admitted bodies are still arriving. */
    synchronized int arriving() {
        return (int) admitted.keySet().stream().filter(Body::arriving).count();
    }
}
