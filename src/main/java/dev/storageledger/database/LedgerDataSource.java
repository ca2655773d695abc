package dev.storageledger.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
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

    /** The longest a request waits for a connection while the database answers but all are in use. */
    static final Duration BUSY_WAIT = Duration.ofSeconds(10);

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
                return super.getConnection();
            } catch (SQLTransientConnectionException timedOut) {
                if (timedOut.getCause() != null || System.nanoTime() >= deadline) {
                    throw timedOut;
                }
            }
        }
    }

    /**
     * The pool without the gate, and without the driver's socket timeout: for the migration, which opens the gate
     * and may take long (an index built over a large table). The pool restores the timeout when it is handed back.
     */
    DataSource ungated() {
        return new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = pooled();
                connection.setNetworkTimeout(Runnable::run, 0);
                return connection;
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
