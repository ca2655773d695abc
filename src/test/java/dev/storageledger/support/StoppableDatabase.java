package dev.storageledger.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A PostgreSQL server of a test's own that the test stops and starts under the service, as a bad day does: on a
 * port chosen once, with its data in a folder that survives each stop. It is created stopped, so that a service can
 * be started before its database is. Stopping is PostgreSQL's fast shutdown: every session is ended at once, and
 * every committed transaction is kept.
 */
public final class StoppableDatabase implements AutoCloseable {

    public static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private final Path directory;
    private final int port;
    private EmbeddedPostgres server;

    private StoppableDatabase(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** A server not started yet: nothing listens on its port until {@link #start()}. */
    public static StoppableDatabase created() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new StoppableDatabase(Files.createTempDirectory("ledger-stoppable-pg"), socket.getLocalPort());
        }
    }

    public synchronized StoppableDatabase start() throws IOException {
        if (server == null) {
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        }
        return this;
    }

    /** A fast shutdown: sessions are ended, committed data is kept; the port refuses connections afterwards. */
    public synchronized void stop() throws IOException {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
            }
        }
    }

    public String url() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** SQL on the server, from the test's side (the server must be started). */
    public JdbcClient sql() {
        return JdbcClient.create(new DriverManagerDataSource(url(), USER, ""));
    }

    @Override
    public void close() throws IOException {
        stop();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
