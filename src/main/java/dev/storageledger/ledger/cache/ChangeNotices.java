package dev.storageledger.ledger.cache;

import dev.storageledger.worker.Worker;
import dev.storageledger.worker.Workers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which customers' rows changed, as the database announces them: the statements that change a customer's figures,
 * keys or users notify the channel {@value #CHANNEL} with its number (V12's triggers), PostgreSQL delivers the
 * notification when their transaction commits, and this instance listens on a connection of its own.
 *
 * <p>A notification travels on its own, so a read could be served before the notification of a write acknowledged
 * just before it arrives. {@link #fence()} closes that gap: it waits for a query on the listening connection that was
 * sent after it was called. A committing transaction has signalled every listening session before its commit is
 * acknowledged, and PostgreSQL sends a session's pending notifications before it answers its next query, so once that
 * query's answer is back, every commit acknowledged before the fence was called has been applied here. Concurrent
 * fences share one query: the listener waits {@link #GATHER} after the first is called before it sends the query, so
 * that under load one query serves many reads instead of each read paying one of its own. While the listening
 * connection is down, {@link #fence()} answers false and reads go to the database; when it is back, everything is
 * taken as changed, since notifications sent meanwhile were lost.
 */
public final class ChangeNotices implements AutoCloseable {

    static final String CHANNEL = "storage_ledger_changes";
    static final String APPLICATION_NAME = "storage-ledger listener";
    /**
     * How long the fences called after the first share its query: a fixed wait, not one for a condition, since what it
     * waits for is more reads, which may not come. A read waits about this much longer; a query serves every read
     * arriving meanwhile (several at a few thousand reads a second, where one query each cost about a third of a
     * read's processor time).
     */
    private static final Duration GATHER = Duration.ofMillis(1);
    /** A query this often even with no reads waiting, so that notifications never pile up in the database. */
    private static final Duration IDLE_SYNC = Duration.ofSeconds(1);
    /**
     * Between attempts to make the listening connection again: a fixed pause, not a wait for a condition (nothing
     * tells the service that the database is back but an attempt), so that a database that is down is not asked
     * hundreds of times a second; reads go to the database meanwhile.
     */
    private static final Duration RECONNECT_DELAY = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(ChangeNotices.class);

    private final String url;
    private final Properties properties;
    private final Worker listener;
    /** Counts changes seen; a mark is a value of it, and a customer changed "since a mark" if its change is later. */
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<Integer, Long> changedAt = new ConcurrentHashMap<>();
    private volatile long everythingChangedAt;
    private volatile boolean listening;
    private volatile boolean closed;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requested = lock.newCondition();
    /** Completed when the next query, not yet sent, is answered: true, or false if the connection failed. */
    private CompletableFuture<Boolean> nextSync = new CompletableFuture<>();
    private boolean syncWanted;

    /**
     * @param url        the pool's JDBC URL
     * @param properties the pool's driver properties, with its user and password
     */
    ChangeNotices(String url, Properties properties, Workers workers) {
        this.url = url;
        this.properties = new Properties();
        this.properties.putAll(properties);
        this.properties.setProperty("ApplicationName", APPLICATION_NAME);
        this.properties.setProperty("connectTimeout", "2");
        // A fence waits for its query with no timeout of its own (a timed wait costs a virtual thread a timer): the
        // driver's bounds it, after which the fence answers false and the read goes to the database.
        this.properties.setProperty("socketTimeout", "2");
        this.listener = workers.worker("ledger-change-listener", RECONNECT_DELAY, () -> {
            listen();
            return false;
        });
    }

    void start() {
        listener.start();
    }

    /**
     * Waits until every change committed and acknowledged before this call has been applied here; false when that
     * cannot be known (the listening connection is down or slow), and the caller must read the database instead.
     */
    public boolean fence() {
        if (!listening) {
            return false;
        }
        CompletableFuture<Boolean> sync;
        lock.lock();
        try {
            if (!listening) {
                return false; // checked under the lock: every future handed out while listening is completed
            }
            sync = nextSync;
            syncWanted = true;
            requested.signal();
        } finally {
            lock.unlock();
        }
        try {
            return sync.get();
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A mark to take before reading what may be kept: see {@link #unchangedSince}. */
    public long mark() {
        return sequence.get();
    }

    /** Whether no change of this customer has been applied here since the mark was taken. */
    public boolean unchangedSince(int customer, long mark) {
        return everythingChangedAt <= mark && changedAt.getOrDefault(customer, 0L) <= mark;
    }

    /**
     * A round of the listener: one listening connection, from its making to its failure (then the worker pauses
     * {@link #RECONNECT_DELAY} and makes another). Whatever ends it, fences answer false meanwhile.
     */
    private void listen() {
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
            }
            // Whatever was announced while nothing listened is lost: everything kept before now is stale.
            everythingChangedAt = sequence.incrementAndGet();
            listening = true;
            log.info("Listening to the database's change notices: reads may be answered from memory");
            sync(connection);
        } catch (SQLException | RuntimeException e) {
            if (!closed) {
                log.warn("The connection that listens to the database's change notices failed; reads go to the database until it is back: {}",
                        e.toString());
            }
        } finally {
            stopListening();
        }
    }

    /** Answers fences until the connection fails or the service stops. */
    private void sync(Connection connection) throws SQLException {
        PGConnection notices = connection.unwrap(PGConnection.class);
        try (PreparedStatement query = connection.prepareStatement("SELECT 1")) {
            while (!closed) {
                CompletableFuture<Boolean> waiting = awaitRequest();
                boolean answered = false;
                try {
                    query.executeQuery().close();
                    apply(notices.getNotifications());
                    answered = true;
                } finally {
                    waiting.complete(answered); // not answered: those reads go to the database
                }
            }
        }
    }

    /** The fences waiting for the next query (when one is called, or after {@link #IDLE_SYNC}); a new one for later calls. */
    private CompletableFuture<Boolean> awaitRequest() {
        lock.lock();
        try {
            if (!syncWanted) {
                requested.await(IDLE_SYNC.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (syncWanted) {
                lock.unlock(); // fences called meanwhile join this query
                try {
                    Thread.sleep(GATHER);
                } finally {
                    lock.lock();
                }
            }
            CompletableFuture<Boolean> waiting = nextSync;
            nextSync = new CompletableFuture<>();
            syncWanted = false;
            return waiting;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the change listener was interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    /** Fences called from now on answer false at once, and those waiting answer false. */
    private void stopListening() {
        lock.lock();
        try {
            listening = false;
            nextSync.complete(false);
            nextSync = new CompletableFuture<>();
            syncWanted = false;
        } finally {
            lock.unlock();
        }
    }

    void apply(PGNotification[] notifications) {
        if (notifications == null) {
            return;
        }
        for (PGNotification notification : notifications) {
            long at = sequence.incrementAndGet();
            String payload = notification.getParameter();
            if (payload.equals("*")) {
                everythingChangedAt = at;
                continue;
            }
            try {
                for (String customer : payload.split(",")) {
                    changedAt.put(Integer.parseInt(customer), at);
                }
            } catch (NumberFormatException notOurs) {
                everythingChangedAt = at; // not a payload of V12's: forget everything rather than guess
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        listener.stop();
    }
}
