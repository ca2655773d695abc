package dev.storageledger.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The pool of connections to the ledger's database, behind a gate that answers at once, without waiting for the
 * pool, while no connection can be of use: before the schema is migrated, and while {@link DatabaseProbe} finds the
 * database unreachable. Every request then fails within milliseconds instead of waiting for the pool's timeout. The
 * embedded server, when there is one, is closed after the pool, so that no connection outlives it.
 */
final class LedgerDataSource extends HikariDataSource {

    /**
     * The longest a request waits for a connection while the database answers but all are in use: two of the pool's
     * 2 s waits, so that with the driver's 4 s socket timeout no request waits much more than 4 s whatever the
     * database does (a frozen database keeps every connection busy until the socket timeout frees it).
     */
    static final Duration BUSY_WAIT = Duration.ofSeconds(4);

    private final DatabaseStatus status;
    private final AutoCloseable server;

    /** @param server the embedded server, closed after the pool; null for an external one */
    LedgerDataSource(HikariConfig config, DatabaseStatus status, AutoCloseable server) {
        super(config);
        this.status = status;
        this.server = server;
    }

    /**
     * A connection, waiting for one in slices of the pool's timeout (2 s) and looking at the gate between them: while
     * the database answers but every connection is in use, a request waits up to {@link #BUSY_WAIT} in all; once the
     * database is found unreachable (the probe closes the gate, or the pool's wait ended on a failed connection), it
     * is refused at the end of the slice it is in.
     */
    @Override
    public Connection getConnection() throws SQLException {
        long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
        while (true) {
            status.checkUsable();
            try {
                Connection connection = super.getConnection();
                return LongStatements.active() ? withTimeout(connection, LongStatements.TIMEOUT) : connection;
            } catch (SQLTransientConnectionException timedOut) {
                if (timedOut.getCause() != null || System.nanoTime() >= deadline) {
                    throw timedOut;
                }
            }
        }
    }

    /**
     * The pool without the gate, and without the statement and socket timeouts: for the migration, which opens the
     * gate and may take long (an index built over a large table).
     */
    DataSource ungated() {
        return new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return withTimeout(pooled(), Duration.ZERO);
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                throw new SQLException("the ledger's pool has one user");
            }
        };
    }

    private Connection pooled() throws SQLException {
        return super.getConnection();
    }

    /**
     * The connection with another statement and socket timeout ({@code timeout}; zero: none) until it is closed:
     * then the statement timeout is reset to the one every connection starts with, and the pool restores the socket's.
     */
    private static Connection withTimeout(Connection connection, Duration timeout) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, Math.toIntExact(timeout.toMillis()));
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET statement_timeout = " + timeout.toMillis());
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(LedgerDataSource.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        resetAndClose(connection);
                        return null;
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void resetAndClose(Connection connection) throws SQLException {
        try {
            if (!connection.isClosed()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("RESET statement_timeout");
                }
            }
        } catch (SQLException broken) {
            // a broken connection is dropped by the pool rather than handed out again
        } finally {
            connection.close();
        }
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            if (server != null) {
                try {
                    server.close();
                } catch (Exception e) {
                    throw new IllegalStateException("the embedded PostgreSQL did not stop", e);
                }
            }
        }
    }
}
