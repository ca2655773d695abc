package dev.storageledger.web.connector;

import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint.NioSocketWrapper;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * What each client address holds of the server while it is doing nothing with it, seen in one pass over the open
 * connections: connections idle between two requests, requests whose head is unfinished, and request bodies still
 * arriving after a second. An address holding any of them for long (idle for more than {@value #IDLE_SLOW_MILLIS} ms,
 * a head or a body for more than a second) is a slow holder when it holds more than {@value #TOLERATED} of them: while
 * the server is busy it is given no new connection; and while the server is full, the connections ended to make room
 * are those of the address holding the most.
 *
 * <p>An ordinary client's connections are serving a request or idle between two of its requests; a client's pool may
 * keep a few idle for longer (a browser keeps six to a host), which the tolerance allows. An attacker's idle or
 * trickling connections are slow within seconds, and many: an address sending the most bodies allowed at once
 * (LEDGER_MAX_BODIES_PER_CLIENT, 8) a byte at a time is over the tolerance.
 */
final class SlowHolders {

    static final long IDLE_SLOW_MILLIS = 5_000;
    static final int TOLERATED = 6;
    private static final long SLOW_NANOS = Duration.ofSeconds(1).toNanos();

    /** What a connection is waiting for, in the order in which they are ended to make room: an idle one loses least. */
    enum Waiting {
        NEXT_REQUEST,
        REST_OF_HEAD,
        REST_OF_BODY
    }

    /** A connection that could be ended to make room: its client, what it waits for and since when (its own clock). */
    record Held(String client, Waiting waiting, long since, boolean slow, Runnable end) {
    }

    private final List<Held> held;
    private final Map<String, Integer> slowByClient;

    private SlowHolders(List<Held> held) {
        this.held = held;
        this.slowByClient = new HashMap<>();
        for (Held one : held) {
            if (one.slow()) {
                slowByClient.merge(one.client(), 1, Integer::sum);
            }
        }
    }

    static SlowHolders none() {
        return new SlowHolders(List.of());
    }

    /**
     * Looks at every connection once: the ones with no request running (idle, or between two reads of a head) and the
     * bodies arriving. {@code serving} are the connections whose processor runs: their requests are left alone, but
     * for a body still arriving, which {@code bodies} knows.
     */
    static SlowHolders of(Collection<SocketWrapperBase<NioChannel>> connections, Set<SocketWrapperBase<?>> serving,
            RequestBodies bodies, GuardedNioEndpoint endpoint, long nowNanos, long nowMillis) {
        List<Held> held = new ArrayList<>();
        for (SocketWrapperBase<NioChannel> connection : connections) {
            if (connection.getError() != null || serving.contains(connection)) {
                continue;
            }
            String client = connection.getRemoteAddr();
            if (client == null) {
                continue;
            }
            if (connection.getCurrentProcessor() instanceof Http11Processor processor) {
                long started = processor.getRequest().getStartTimeNanos();
                if (!processor.isAsync() && started != -1) {
                    held.add(new Held(client, Waiting.REST_OF_HEAD, started, nowNanos - started > SLOW_NANOS,
                            () -> endpoint.end(connection, "The server is full of connections and this request's head was the oldest unfinished one of a client holding the most")));
                }
            } else if (connection.getCurrentProcessor() == null && connection instanceof NioSocketWrapper waiting
                    && waiting.interestOpsHas(SelectionKey.OP_READ)) {
                // No processor, not being served, and waiting for bytes: between two requests (or before the first).
                long lastRead = waiting.getLastRead();
                held.add(new Held(client, Waiting.NEXT_REQUEST, lastRead, nowMillis - lastRead > IDLE_SLOW_MILLIS,
                        () -> endpoint.end(connection, "The server is full of connections and this one had been idle longest of a client holding the most")));
            }
        }
        held.addAll(bodies.slow(nowNanos));
        return new SlowHolders(held);
    }

    /** Whether {@code client} holds more slow connections than an ordinary client's pool would. */
    boolean holdsMany(String client) {
        return slowByClient.getOrDefault(client, 0) > TOLERATED;
    }

    /**
     * The connection to end to make room: of the client holding the most slow connections, the one idle longest, or
     * failing that its oldest unfinished head, or its oldest body; when no client holds a slow one, the connection idle
     * longest or the oldest unfinished head of anyone (a body that came in the last second is left to arrive).
     */
    Optional<Held> toEnd() {
        String heaviest = slowByClient.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        return held.stream()
                .filter(one -> heaviest == null ? one.waiting() != Waiting.REST_OF_BODY : one.client().equals(heaviest))
                .min(Comparator.comparing(Held::waiting).thenComparingLong(Held::since));
    }
}
