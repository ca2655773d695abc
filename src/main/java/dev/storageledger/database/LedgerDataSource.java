package dev.storageledger.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The pool of connections to the ledger's database, behind a gate that answers at once, without waiting for the
 * pool, while no connection can be of use: before the schema is migrated, and while {@link DatabaseProbe} finds the
 * database unreachable. Every request then fails within milliseconds instead of waiting for the pool's timeout. The
 * embedded server, when there is one, is closed after the pool, so that no connection outlives it.
 */
final class LedgerDataSource extends HikariDataSource {

    private final DatabaseStatus status;
    private final AutoCloseable server;

    /** @param server the embedded server, closed after the pool; null for an external one */
    LedgerDataSource(HikariConfig config, DatabaseStatus status, AutoCloseable server) {
        super(config);
        this.status = status;
        this.server = server;
    }

    @Override
    public Connection getConnection() throws SQLException {
        status.checkUsable();
        return super.getConnection();
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
