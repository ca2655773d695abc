package dev.storageledger.database;

import dev.storageledger.worker.Worker;
import dev.storageledger.worker.Workers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Asks the database, twice a second, on a connection of its own (outside the pool, so that a busy pool does not look
 * like a database that is down), whether it answers; tells {@link DatabaseStatus}. A check takes at most about two
 * seconds (one to find its connection dead, one to fail to make a new one), so health and the pool's gate know of an
 * outage within about two seconds, and of the database's return within half a second.
 */
final class DatabaseProbe implements AutoCloseable {

    static final long INTERVAL_MILLISECONDS = 500;
    /** Seconds: how long the probe waits for an answer, and for a new connection. */
    private static final int TIMEOUT_SECONDS = 1;

    private final String url;
    private final Properties properties;
    private final DatabaseStatus status;
    private final Runnable outageBegins;
    private final Worker worker;
    private Connection connection;

    /**
     * @param url        the pool's JDBC URL
     * @param properties   the pool's driver properties, with its user and password; the probe's short timeouts are added
     * @param outageBegins what to do when the database stops answering (the pool drops its idle connections, which
     *                     died with the database's sessions, rather than find each dead when the database returns)
     */
    DatabaseProbe(String url, Properties properties, DatabaseStatus status, Runnable outageBegins, Workers workers) {
        this.url = url;
        this.properties = new Properties();
        this.properties.putAll(properties);
        this.properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        this.properties.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        this.properties.setProperty("socketTimeout", String.valueOf(2 * TIMEOUT_SECONDS));
        this.properties.setProperty("ApplicationName", "storage-ledger probe");
        this.status = status;
        this.outageBegins = outageBegins;
        this.worker = workers.worker("ledger-database-probe", Duration.ofMillis(INTERVAL_MILLISECONDS), () -> {
            check();
            return false;
        });
    }

    void start() {
        worker.start();
    }

    /** One check: the probe's connection answers, or a new one can be made. */
    void check() {
        try {
            if (connection == null || !connection.isValid(TIMEOUT_SECONDS)) {
                closeConnection();
                connection = DriverManager.getConnection(url, properties);
            }
            status.answered();
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            if (status.didNotAnswer(DatabaseFailure.of(e).orElseGet(() -> new DatabaseFailure(DatabaseFailure.Kind.UNREACHABLE,
                    String.valueOf(e.getMessage()))))) {
                outageBegins.run();
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyBroken) {
                // it is being replaced because it failed
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        worker.stop(Duration.ofSeconds(5));
        closeConnection();
    }
}
