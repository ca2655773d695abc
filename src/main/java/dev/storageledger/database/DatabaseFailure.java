package dev.storageledger.database;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A failure of the ledger's database itself, rather than of one request: it cannot be reached, it is not ready, it is
 * out of connections, or it has no room left on its disk. Told apart by the SQLState of the SQLException under
 * whatever wraps it (Spring's DataAccessException, a transaction failure, the pool's timeout).
 *
 * @param kind  what went wrong, told to clients
 * @param cause what the driver said, for the logs and the administrator's health details only
 */
public record DatabaseFailure(Kind kind, String cause) {

    public enum Kind {
        /** The service has started, its schema is not migrated yet. */
        STARTING("The ledger is starting and its database is not ready yet"),
        /** No connection can be made, or the one in use was lost (SQLState class 08, or 57P01-57P03: shut down). */
        UNREACHABLE("The ledger's database cannot be reached"),
        /** Reachable, but every pooled connection stayed in use until the wait ran out. */
        BUSY("The ledger's database is too busy: no connection came free in time"),
        /** The statement ran past its timeout (SQLState 57014), and the database cancelled it with its transaction. */
        TIMED_OUT("The ledger's database did not finish the statement in time"),
        /** SQLState 53100 disk_full. */
        DISK_FULL("The ledger's database has no room left on its disk"),
        /** The other SQLStates of class 53, insufficient resources: out of memory, too many connections, ... */
        OUT_OF_RESOURCES("The ledger's database has run out of resources");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** What a client is told: the kind, never the driver's message (which names hosts and ports). */
        public String description() {
            return description;
        }
    }

    public DatabaseFailure {
        requireNonNull(kind, "kind is null");
        requireNonNull(cause, "cause is null");
    }

    /** The failure of the database in {@code failure} or its causes; empty when it is a failure of the request itself. */
    public static Optional<DatabaseFailure> of(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        boolean fromDriver = false;
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            fromDriver |= cause instanceof SQLException;
            Optional<Kind> kind = kindOf(cause, fromDriver);
            if (kind.isPresent()) {
                return Optional.of(new DatabaseFailure(kind.get(), describe(cause)));
            }
        }
        return Optional.empty();
    }

    /** What a client is told: the kind alone. */
    public String description() {
        return kind.description();
    }

    /**
     * The kind of failure {@code cause} is; a socket's failure only {@code fromDriver} (under an SQLException): the same
     * exceptions from the request's own connection (a client whose body stopped coming) are the client's, not the database's.
     */
    private static Optional<Kind> kindOf(Throwable cause, boolean fromDriver) {
        if (cause instanceof DatabaseNotReadyException) {
            return Optional.of(Kind.STARTING);
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                return Optional.of(Kind.UNREACHABLE);
            }
            if (state.equals("57014")) {
                return Optional.of(Kind.TIMED_OUT);
            }
            if (state.equals("53100")) {
                return Optional.of(Kind.DISK_FULL);
            }
            if (state.startsWith("53")) {
                return Optional.of(Kind.OUT_OF_RESOURCES);
            }
        }
        if (cause instanceof SQLTransientConnectionException timeout && timeout.getSQLState() == null && timeout.getCause() == null) {
            return Optional.of(Kind.BUSY); // the pool's wait ran out with the database answering
        }
        if (fromDriver && (cause instanceof ConnectException || cause instanceof SocketTimeoutException || cause instanceof EOFException
                || cause instanceof SocketException)) {
            return Optional.of(Kind.UNREACHABLE);
        }
        return Optional.empty();
    }

    private static String describe(Throwable cause) {
        String state = cause instanceof SQLException sql && sql.getSQLState() != null ? "SQLState " + sql.getSQLState() + ": " : "";
        return state + cause.getMessage();
    }
}
