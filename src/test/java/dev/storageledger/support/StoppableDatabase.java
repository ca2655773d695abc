package dev.storageledger.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A PostgreSQL server of a test's own that the test stops and starts under the service, as a bad day does: on a
 * port chosen once, with its data in a folder that survives each stop. It is created stopped, so that a service can
 * be started before its database is. {@link #stop} is PostgreSQL's fast shutdown (every session is ended at once,
 * a checkpoint is written); {@link #crash} its immediate shutdown (every process quits at once, as in a crash, and the
 * next start recovers the committed transactions from the write-ahead log).
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

    /** An immediate shutdown (SIGQUIT to the postmaster): no checkpoint, no goodbye to the sessions. */
    public synchronized void crash() throws IOException, InterruptedException {
        if (server != null) {
            long pid = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).getFirst().trim());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IOException("no PostgreSQL of pid " + pid));
            new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).inheritIO().start().waitFor();
            try {
                postmaster.onExit().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("PostgreSQL (pid " + pid + ") did not quit", e);
            }
            try {
                server.close(); // releases zonky's lock on the folder (its "pg_ctl stop" finds nothing to stop, and logs so)
            } finally {
                server = null;
            }
        }
    }

    /**
     * Freezes the server as a hung machine would: its postmaster and every backend stopped with SIGSTOP, so that
     * connections stay open and nothing answers. {@link #thaw} (always, in a finally) lets them go on.
     */
    public synchronized void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a frozen server go on (SIGCONT to the postmaster and its backends). */
    public synchronized void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).getFirst().trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IOException("no PostgreSQL of pid " + pid));
        List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(pid)));
        postmaster.descendants().forEach(process -> command.add(String.valueOf(process.pid())));
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        // kill signals every process that exists; a backend that ended since it was listed is no failure of a thaw
        if (exit != 0 && signal.equals("-STOP")) {
            throw new IOException(String.join(" ", command) + " exited with " + exit);
        }
    }

    /**
     * Starts the service as a process of its own on this server (started or not), with the administrator's key and
     * secret; its output goes to target/instance-{name}.log.
     */
    public ServiceProcess service(String adminKey, String adminSecret, String name) throws IOException {
        return ServiceProcess.start(System.getProperty("java.class.path"), Map.of("LEDGER_DB_URL", url(), "LEDGER_DB_USER", USER,
                "LEDGER_DB_PASSWORD", "", "LEDGER_ADMIN_KEY", adminKey, "LEDGER_ADMIN_SECRET", adminSecret),
                ProcessLogs.of(name));
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
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
