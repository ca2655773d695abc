package dev.storageledger.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started in-process for trying the service and for small single-node installs. Its data
 * lives in one folder that survives restarts, and that folder is the service's alone:
 *
 * <ul>
 *   <li>{@value #LOCK_FILE}: locked by the one instance running on the folder (see {@link DataFolderLock});</li>
 *   <li>{@value #CLUSTER_DIRECTORY}/: the database cluster (a folder made by an earlier version has its cluster at the
 *       top of the folder, and keeps it there).</li>
 * </ul>
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "postgres";
    static final String USER = "postgres";
    static final String LOCK_FILE = "ledger.lock";
    static final String CLUSTER_DIRECTORY = "postgres";

    private final EmbeddedPostgres postgres;
    private final DataFolderLock lock;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DataFolderLock lock) {
        this.postgres = postgres;
        this.lock = lock;
    }

    /**
     * Starts the server on {@code dataFolder}, making the folder and the cluster at the first start. Fails at once when
     * another instance of the service runs on the folder.
     */
    public static EmbeddedDatabase start(Path dataFolder) {
        Path folder = dataFolder.toAbsolutePath().normalize();
        try {
            Folders.privateFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the data folder " + folder, e);
        }
        DataFolderLock lock = DataFolderLock.acquire(folder);
        try {
            EmbeddedDatabase database = start(folder, lock);
            log.info("Embedded PostgreSQL started on port {} with its data in {}", database.port(), folder);
            return database;
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + folder, e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedDatabase start(Path folder, DataFolderLock lock) throws IOException {
        Path cluster = Files.exists(folder.resolve("postgresql.conf")) ? folder : folder.resolve(CLUSTER_DIRECTORY);
        stopOrphanedServer(cluster);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                // zonky starts PostgreSQL for tests, without durability (-F, synchronous_commit off); a ledger
                // must not lose a committed write, so both are turned back on.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return new EmbeddedDatabase(postgres, lock);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        } finally {
            lock.close();
        }
    }

    /**
     * A service killed with SIGKILL leaves its PostgreSQL running and holding the cluster. Under the data folder's lock,
     * a server still running on the cluster is such an orphan: its instance, which held the lock, is gone. The
     * cluster's postmaster.pid names it; it is asked to stop (SIGTERM, a smart shutdown: its clients died with their
     * instance; it loses no committed data) so that this start can take the cluster over. A process that is not a
     * PostgreSQL server of this cluster (the pid reused since) is left alone.
     */
    private static void stopOrphanedServer(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty() : parsePid(lines.getFirst()).flatMap(ProcessHandle::of);
        if (server.isEmpty() || !server.get().isAlive() || !isServerOf(server.get(), cluster)) {
            return;
        }
        log.warn("Stopping an orphaned PostgreSQL (pid {}) left running on {}", server.get().pid(), cluster);
        server.get().destroy();
        try {
            server.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the orphaned PostgreSQL (pid " + server.get().pid() + ") on " + cluster + " did not stop", e);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isServerOf(ProcessHandle process, Path cluster) {
        ProcessHandle.Info info = process.info();
        return info.command().map(command -> command.endsWith("postgres")).orElse(false)
                && info.arguments().map(arguments -> List.of(arguments).contains(cluster.toString())).orElse(false);
    }
}
