package dev.storageledger.database;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Work whose statements may legitimately run longer than a request's (a recalculation's sums over every record, a
 * reconciliation, a purge of a month of rows): while it runs on a thread, every connection that thread takes from the
 * pool waits up to {@link #TIMEOUT} for a statement, instead of a request's 3 s statement timeout and 4 s socket
 * timeout (application.properties). The connection gets the request's timeouts back when it returns to the pool.
 */
public final class LongStatements {

    /** How long a statement of such work may run, and wait for an answer from a database that does not give one. */
    public static final Duration TIMEOUT = Duration.ofHours(1);

    private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

    private LongStatements() {
    }

    /** Runs {@code work} on this thread with the long timeout. */
    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Runs {@code work} on this thread with the long timeout, and answers what it answers. */
    public static <T> T call(Supplier<T> work) {
        Boolean outer = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                ACTIVE.remove();
            }
        }
    }

    /** Whether the current thread runs such work. */
    static boolean active() {
        return ACTIVE.get() != null;
    }
}
