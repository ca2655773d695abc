package dev.storageledger.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL the integration tests run on: by default an embedded server started once per test JVM; with
 * the system property ledger.test.database=external (set by the Maven profile that LEDGER_TEST_DB_URL activates),
 * the external server named by LEDGER_TEST_DB_URL, LEDGER_TEST_DB_USER and LEDGER_TEST_DB_PASSWORD. Either way
 * the tests get a database of their own, created fresh for this JVM. There is no fallback: a missing server fails.
 */
public final class TestDatabase {

    public record Connection(String url, String user, String password) {
    }

    private static volatile Connection connection;

    private TestDatabase() {
    }

    public static Connection get() {
        if (connection == null) {
            synchronized (TestDatabase.class) {
                if (connection == null) {
                    connection = "external".equals(System.getProperty("ledger.test.database")) ? external() : embedded();
                }
            }
        }
        return connection;
    }

    public static boolean isExternal() {
        return "external".equals(System.getProperty("ledger.test.database"));
    }

    private static Connection embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory("ledger-test-pg"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending; the temporary server goes with it
                }
            }));
            return createDatabase("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL for the tests", e);
        }
    }

    private static Connection external() {
        String url = System.getenv("LEDGER_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("ledger.test.database=external needs LEDGER_TEST_DB_URL");
        }
        return createDatabase(url, System.getenv().getOrDefault("LEDGER_TEST_DB_USER", "postgres"),
                System.getenv().getOrDefault("LEDGER_TEST_DB_PASSWORD", ""));
    }

    /** A fresh database on the server, so that no earlier run's rows can make a test pass or fail. */
    private static Connection createDatabase(String serverUrl, String user, String password) {
        String database = "ledger_test_" + UUID.randomUUID().toString().replace("-", "");
        try (java.sql.Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + serverUrl, e);
        }
        int slash = serverUrl.lastIndexOf('/');
        int query = serverUrl.indexOf('?', slash);
        String url = serverUrl.substring(0, slash + 1) + database + (query < 0 ? "" : serverUrl.substring(query));
        return new Connection(url, user, password);
    }
}
