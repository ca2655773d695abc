package dev.storageledger.web.connector;

import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * the server is busy it is given no new connection.
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

    private final Map<String, Integer> slowByClient = new HashMap<>();

    private SlowHolders() {
    }

    static SlowHolders none() {
        return new SlowHolders();
    }

    /**
     * Looks at each of {@code connections} once (those with no request running: idle, or between two reads of a
     * head), and counts {@code slowBodies}, the client addresses of the bodies arriving for more than a second
     * ({@link RequestBodies#slowClients}). {@code serving} are the connections whose processor runs.
     */
    static SlowHolders of(Collection<SocketWrapperBase<NioChannel>> connections, Set<SocketWrapperBase<?>> serving,
            List<String> slowBodies, long nowNanos, long nowMillis) {
        SlowHolders holders = new SlowHolders();
        for (SocketWrapperBase<NioChannel> connection : connections) {
            String client = connection.getRemoteAddr();
            if (client != null && connection.getError() == null && !serving.contains(connection) && slow(connection, nowNanos, nowMillis)) {
                holders.slowByClient.merge(client, 1, Integer::sum);
            }
        }
        slowBodies.forEach(client -> holders.slowByClient.merge(client, 1, Integer::sum));
        return holders;
    }

    private static boolean slow(SocketWrapperBase<NioChannel> connection, long nowNanos, long nowMillis) {
        if (connection.getCurrentProcessor() instanceof Http11Processor processor) {
            long started = processor.getRequest().getStartTimeNanos();
            return !processor.isAsync() && started != -1 && nowNanos - started > SLOW_NANOS;
        }
        // No processor, not being served, and waiting for bytes: between two requests (or before the first).
        return connection.getCurrentProcessor() == null && connection instanceof NioSocketWrapper waiting
                && waiting.interestOpsHas(SelectionKey.OP_READ) && nowMillis - waiting.getLastRead() > IDLE_SLOW_MILLIS;
    }

    /** Whether {@code client} holds more slow connections than an ordinary client's pool would. */
    boolean holdsMany(String client) {
        return slowByClient.getOrDefault(client, 0) > TOLERATED;
    }
}
