package dev.storageledger.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started in-process for trying the service and for small single-node installs. Its data
 * lives in one folder that survives restarts, and that folder is the service's alone:
 *
 * <ul>
 *   <li>{@value #LOCK_FILE}: locked by the one instance running on the folder (see {@link DataFolderLock});</li>
 *   <li>{@value #PASSWORD_FILE}: the superuser's password, generated at the first start (mode 0600);</li>
 *   <li>{@value #CLUSTER_DIRECTORY}/: the database cluster (a folder made by an earlier version has its cluster at the
 *       top of the folder, and keeps it there);</li>
 *   <li>{@value #SOCKET_DIRECTORY}/: the server's Unix socket (mode 0700);</li>
 *   <li>{@value #BINARIES_DIRECTORY}/: the PostgreSQL binaries, unpacked at the first start (see {@link PostgresBinaries}).</li>
 * </ul>
 *
 * The folder is mode 0700; the server listens on 127.0.0.1 only and asks every client for the password
 * (see {@link PasswordAuthentication}).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "postgres";
    static final String USER = "postgres";
    static final String LOCK_FILE = "ledger.lock";
    static final String PASSWORD_FILE = "database-password";
    static final String CLUSTER_DIRECTORY = "postgres";
    static final String SOCKET_DIRECTORY = "socket";
    static final String BINARIES_DIRECTORY = "binaries";
    /** A Unix socket's path has at most 107 bytes; the server's is the folder's, "/" and ".s.PGSQL." and the port. */
    private static final int LONGEST_SOCKET_DIRECTORY = 107 - "/.s.PGSQL.65535".length();

    private final EmbeddedPostgres postgres;
    private final DataFolderLock lock;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DataFolderLock lock, String password) {
        this.postgres = postgres;
        this.lock = lock;
        this.password = password;
    }

    /**
     * Starts the server on {@code dataFolder}, making the folder and the cluster at the first start. Fails at once when
     * another instance of the service runs on the folder, and when the service runs as root unless {@code allowRoot}
     * (LEDGER_EMBEDDED_DB_ALLOW_ROOT).
     */
    public static EmbeddedDatabase start(Path dataFolder, boolean allowRoot) {
        refuseRoot(currentUid(), allowRoot);
        Path folder = dataFolder.toAbsolutePath().normalize();
        try {
            Folders.privateFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the data folder " + folder, e);
        }
        DataFolderLock lock = DataFolderLock.acquire(folder);
        try {
            EmbeddedDatabase database = start(folder, lock);
            log.info("Embedded PostgreSQL started on 127.0.0.1:{} with its data in {}", database.port(), folder);
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
        PasswordAuthentication authentication = PasswordAuthentication.keptIn(folder.resolve(PASSWORD_FILE));
        PostgresBinaries binaries = new PostgresBinaries(Folders.privateFolder(folder.resolve(BINARIES_DIRECTORY)));
        EmbeddedPostgres postgres = binaries.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                // A new cluster: initdb gives the superuser the kept password and trusts nobody (these follow zonky's
                // own "-A trust" on initdb's command line, and the last one counts).
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", authentication.passwordFile().toString())
                // Every cluster, new or made by an earlier version, before its server starts.
                .setDataDirectoryCustomizer(directory -> authentication.enforce(cluster, binaries.executable("postgres")))
                .setConnectConfig("password", authentication.password())
                // zonky starts PostgreSQL for tests, without durability (-F, synchronous_commit off); a ledger
                // must not lose a committed write, so both are turned back on.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", shellQuoted(socketDirectory(folder).map(Path::toString).orElse("")))
                .setServerConfig("unix_socket_permissions", "0700")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        binaries.removeOtherVersions();
        // zonky makes the folder it unpacks into writable by every user; inside the data folder nobody else reaches it,
        // and it is put back to the service's alone all the same.
        Folders.privateFolder(folder.resolve(BINARIES_DIRECTORY));
        return new EmbeddedDatabase(postgres, lock, authentication.password());
    }

    /**
     * PostgreSQL refuses to run as root; as root, zonky runs it in a user namespace of its own (unshare -U), where it is
     * "nobody" to itself but still root to the machine's files. Unless allowed, the service does not start it so.
     */
    static void refuseRoot(OptionalInt uid, boolean allowRoot) {
        if (uid.isPresent() && uid.getAsInt() == 0 && !allowRoot) {
            throw new RunAsRootRefused();
        }
    }

    /** The process's effective uid on Linux; empty elsewhere (where PostgreSQL's own refusal of root stands). */
    static OptionalInt currentUid() {
        Path status = Path.of("/proc/self/status");
        try {
            return Files.isReadable(status) ? effectiveUid(Files.readString(status, StandardCharsets.UTF_8)) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /** The effective uid of a /proc/PID/status: its "Uid:" line holds the real, effective, saved and file system uids. */
    static OptionalInt effectiveUid(String status) {
        return status.lines().filter(line -> line.startsWith("Uid:")).findFirst()
                .map(line -> line.substring("Uid:".length()).trim().split("\\s+"))
                .filter(uids -> uids.length >= 2)
                .map(uids -> OptionalInt.of(Integer.parseInt(uids[1])))
                .orElse(OptionalInt.empty());
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    /** The superuser's password, as kept in the data folder. */
    public String password() {
        return password;
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
     * The folder of the server's Unix socket (mode 0700, in the data folder), or none when its path is too long for a
     * Unix socket or holds a character that PostgreSQL reads as a separator (a comma, a double quote): the service
     * itself connects over TCP, and the socket is only for an operator's psql.
     */
    private static Optional<Path> socketDirectory(Path folder) throws IOException {
        Path directory = folder.resolve(SOCKET_DIRECTORY);
        String path = directory.toString();
        if (path.getBytes(StandardCharsets.UTF_8).length > LONGEST_SOCKET_DIRECTORY || path.contains(",") || path.contains("\"")) {
            log.info("The embedded PostgreSQL listens on no Unix socket: {} is too long a path for one, or holds a comma or a"
                    + " double quote", directory);
            return Optional.empty();
        }
        return Optional.of(Folders.privateFolder(directory));
    }

    /** zonky hands the server's settings to pg_ctl, which starts the server through /bin/sh. */
    private static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
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
