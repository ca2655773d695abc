package dev.storageledger.web.connector;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11Processor;
import org.apache.juli.logging.Log;
import org.apache.juli.logging.LogFactory;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO endpoint with guards that Tomcat lacks.
 *
 * <p>A cap on the connections of one client address: a connection over it is closed as soon as it is accepted, before
 * any of its bytes is read. Tomcat's maxConnections is for all clients together, so without it one address holding
 * idle connections could take every one of them, and the server would stop accepting anyone's.
 *
 * <p>A deadline for a request's head: Tomcat's connectionTimeout is the longest wait for the next byte, so a client
 * that sends one byte every few seconds keeps a half-sent request open for ever (slowloris). Once a second, each
 * connection still reading the request line or headers of a request whose first byte came more than
 * {@code headerTimeout} ago is ended as Tomcat ends a read that timed out: an error set on it, and its processing
 * handed to a worker, which closes it. Idle keep-alive connections are not affected (keepAliveTimeout ends those).
 *
 * <p>Bounds on request bodies still arriving (see {@link RequestBodies}), per client address and in all, and a deadline
 * for each: once a second, a body still arriving {@code bodyTimeout} after its head was read is ended. A request
 * reading its body holds a thread, whose stack is on the heap, and buffers: 1,600 bodies sent a byte every few seconds
 * took a 256 MB heap, and Tomcat's own threads died of it.
 *
 * <p>Slow holders: once half of maxConnections are open ({@link Connections#busy}), an address that holds many slow
 * connections ({@link SlowHolders}: idle for seconds, or a head or a body trickling in) gets no new one, nor does an
 * address in the second after it was answered 429 for its bodies ({@link TurnedAway}): it is closed as soon as
 * accepted, before any of its bytes is read.
 *
 * <p>Room for new clients: while the server is {@link Connections#crowded} (every one of maxConnections open, as idle
 * keep-alive connections or slow heads from many addresses can make it), each connection accepted ends another: the
 * connection idle longest between two requests, or failing that the oldest unfinished head. A request in progress is
 * never ended to make room.
 */
final class GuardedNioEndpoint extends NioEndpoint {

    private static final Log log = LogFactory.getLog(GuardedNioEndpoint.class);
    private static final long SWEEP_INTERVAL_MILLIS = 1_000;

    private final ClientConnections clients = new ClientConnections();
    private final LongAdder refused = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder evicted = new LongAdder();
    private final LongAdder closedIdle = new LongAdder();
    private final RequestBodies bodies = new RequestBodies();
    /** The connections whose processor runs: a request in progress, not to be taken for an idle one. */
    private final Set<SocketWrapperBase<?>> serving = ConcurrentHashMap.newKeySet();
    private final LongAdder refusedHolders = new LongAdder();
    private volatile SlowHolders holders = SlowHolders.none();
    private final TurnedAway turnedAway = new TurnedAway();
    private volatile int maxConnectionsPerClient = 100;
    private volatile long headerTimeoutNanos = Duration.ofSeconds(10).toNanos();
    private ScheduledExecutorService sweeper;

    void setMaxConnectionsPerClient(int maximum) {
        if (maximum < 1) {
            throw new IllegalArgumentException("maxConnectionsPerClient must be at least 1, not " + maximum);
        }
        this.maxConnectionsPerClient = maximum;
    }

    int getMaxConnectionsPerClient() {
        return maxConnectionsPerClient;
    }

    void setHeaderTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("headerTimeout must be positive, not " + timeout);
        }
        this.headerTimeoutNanos = timeout.toNanos();
    }

    Duration getHeaderTimeout() {
        return Duration.ofNanos(headerTimeoutNanos);
    }

    /** Connections closed at once because their address had its cap of connections open. */
    long refusedConnections() {
        return refused.sum();
    }

    /** Connections closed as soon as accepted: their address was just turned away, or holds many slow connections. */
    long refusedHolders() {
        return refusedHolders.sum();
    }

    /** Connections closed because their request's head took longer than the deadline. */
    long expiredHeads() {
        return expired.sum();
    }

    /** Connections closed, while the server was crowded, because their unfinished head was the oldest. */
    long evictedHeads() {
        return evicted.sum();
    }

    /** Connections closed, while the server was crowded, because they had been idle longest between two requests. */
    long closedIdleConnections() {
        return closedIdle.sum();
    }

    /** The requests whose body is still arriving. */
    RequestBodies bodies() {
        return bodies;
    }

    /** Tells the endpoint that {@code client} was just answered 429, its cap of bodies arriving (see {@link TurnedAway}). */
    void turnAway(String client) {
        turnedAway.turnAway(client, System.nanoTime());
    }

    void serving(SocketWrapperBase<?> connection) {
        serving.add(connection);
    }

    void served(SocketWrapperBase<?> connection) {
        serving.remove(connection);
    }

    /**
     * Ends a request waiting for its body. Its thread is blocked in a read that only a byte, the end of the input or
     * connectionTimeout wakes: shutting the input down is the end of the input, at once, so the thread ends the request
     * as a client that went away, and gives the connection back.
     */
    void endBody(SocketWrapperBase<?> connection) {
        try {
            ((NioChannel) connection.getSocket()).getIOChannel().shutdownInput();
        } catch (IOException | RuntimeException closedAlready) {
            connection.close();
        }
    }

    @Override
    protected boolean setSocketOptions(SocketChannel socket) {
        // As in Tomcat's own refusals here, a socket refused is closed and its place given back by destroySocket: the
        // acceptor only closes the sockets that this method has already handed on.
        SocketAddress remote;
        try {
            remote = socket.getRemoteAddress();
        } catch (IOException e) {
            destroySocket(socket);
            return false;
        }
        // A Unix domain socket's peer has no address to count by.
        if (!(remote instanceof InetSocketAddress client)) {
            return super.setSocketOptions(socket);
        }
        long open = getConnectionCount();
        String address = client.getAddress().getHostAddress();
        if (turnedAway.turnedAway(address, System.nanoTime()) || Connections.busy(open, getMaxConnections()) && holders.holdsMany(address)) {
            destroySocket(socket);
            refusedHolders.increment();
            return false;
        }
        if (!clients.admit(client.getAddress(), socket, maxConnectionsPerClient)) {
            destroySocket(socket);
            refused.increment();
            if (log.isDebugEnabled()) {
                log.debug("Closed a connection of " + client.getAddress().getHostAddress() + ", which has "
                        + maxConnectionsPerClient + " open already");
            }
            return false;
        }
        if (Connections.crowded(open, getMaxConnections())) {
            makeRoom();
        }
        return super.setSocketOptions(socket);
    }

    @Override
    public void startInternal() throws Exception {
        super.startInternal();
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon(true).name(getName() + "-request-deadlines").factory());
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_INTERVAL_MILLIS, SWEEP_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stopInternal() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            sweeper = null;
        }
        super.stopInternal();
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            for (SocketWrapperBase<NioChannel> connection : getConnections()) {
                if (connection.getCurrentProcessor() instanceof Http11Processor processor && !processor.isAsync()
                        && headTooSlow(processor.getRequest(), now) && connection.getError() == null) {
                    end(connection, "The request's head took longer than " + getHeaderTimeout());
                    expired.increment();
                }
            }
            bodies.endOverdue(now);
            clients.purge();
            turnedAway.purge(now);
            holders = SlowHolders.of(connections.values(), serving, bodies.slowClients(now), now, System.currentTimeMillis());
        } catch (RuntimeException e) {
            // The sweeper must outlive any one connection's surprise, or the deadline would stop holding.
            log.warn("The request deadlines' sweep failed; it runs again in a second", e);
        }
    }

    /**
     * Whether the request's head began longer ago than the deadline. Only a connection between two reads of an
     * unfinished head has its HTTP/1.1 processor attached while nothing runs it (and not in async mode): while the
     * processor runs, Tomcat takes it off the connection, and once a request is answered it recycles the request (its
     * start time back to -1) and lets the processor go.
     */
    private boolean headTooSlow(Request request, long now) {
        long started = request.getStartTimeNanos();
        return started != -1 && now - started > headerTimeoutNanos;
    }

    /**
     * Ends a connection as Tomcat's poller ends a read that timed out: the error, then the connection's processing on a
     * worker, which closes it (the poller alone misses a connection whose bytes always wake it).
     */
    private void end(SocketWrapperBase<NioChannel> connection, String why) {
        connection.setError(new SocketTimeoutException(why));
        if (!processSocket(connection, SocketEvent.ERROR, true)) {
            connection.close();
        }
    }

    /**
     * Ends the connection idle longest between two requests, or failing one the connection whose unfinished head began
     * first, if there is one. An idle connection goes first: its client loses nothing but the connection (it opens
     * another for its next request), while a head ended is a request lost.
     */
    private void makeRoom() {
        NioSocketWrapper idlest = null;
        SocketWrapperBase<NioChannel> oldestHead = null;
        long oldestStart = 0;
        // The map itself, not getConnections()'s copy: this runs for each connection accepted while crowded.
        for (SocketWrapperBase<NioChannel> connection : connections.values()) {
            if (connection.getError() != null || serving.contains(connection)) {
                continue;
            }
            if (connection.getCurrentProcessor() instanceof Http11Processor processor) {
                long started = processor.getRequest().getStartTimeNanos();
                if (!processor.isAsync() && started != -1 && (oldestHead == null || started - oldestStart < 0)) {
                    oldestHead = connection;
                    oldestStart = started;
                }
            } else if (connection.getCurrentProcessor() == null && connection instanceof NioSocketWrapper waiting
                    && waiting.interestOpsHas(SelectionKey.OP_READ) && (idlest == null || waiting.getLastRead() < idlest.getLastRead())) {
                // No processor, not being served, and waiting for bytes: between two requests (or before the first).
                idlest = waiting;
            }
        }
        if (idlest != null) {
            end(idlest, "The server is full of connections and this one had been idle longest");
            closedIdle.increment();
        } else if (oldestHead != null) {
            end(oldestHead, "The server is full of connections and this request's head was the oldest unfinished one");
            evicted.increment();
        }
    }
}
