package dev.storageledger.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL binaries that zonky bundles, unpacked into a folder of the data folder instead of zonky's shared
 * /tmp/embedded-pg. zonky makes its folder writable by every user and, at every start, stops the server described by
 * any folder it finds there: another user of the machine could put a `postgres` of their own in it for the service to
 * run, or name a process for the service to signal. The data folder is the service's alone.
 *
 * <p>zonky names the folder it unpacks the archive to after the archive's MD5. This resolver hands zonky the bundled
 * archive and notes that digest as zonky reads it, so that the service can run the unpacked {@code postgres} itself (in
 * single-user mode, see {@link PasswordAuthentication}) and remove what earlier versions unpacked.
 */
final class PostgresBinaries implements PgBinaryResolver {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
    /** The folder zonky's builder scans for abandoned servers, read when the builder is made. */
    private static final String SCANNED_FOLDER_PROPERTY = "ot.epg.working-dir";
    private static final String UNPACKED_PREFIX = "PG-";

    private final Path folder;
    private volatile String archiveDigest;

    PostgresBinaries(Path folder) {
        this.folder = folder;
    }

    /** A builder of zonky's server whose binaries, and whose scan for abandoned servers, are in this folder only. */
    EmbeddedPostgres.Builder builder() {
        EmbeddedPostgres.Builder builder;
        synchronized (PostgresBinaries.class) {
            String previous = System.getProperty(SCANNED_FOLDER_PROPERTY);
            System.setProperty(SCANNED_FOLDER_PROPERTY, folder.toString());
            try {
                builder = EmbeddedPostgres.builder();
            } finally {
                if (previous == null) {
                    System.clearProperty(SCANNED_FOLDER_PROPERTY);
                } else {
                    System.setProperty(SCANNED_FOLDER_PROPERTY, previous);
                }
            }
        }
        return builder.setOverrideWorkingDirectory(folder.toFile()).setPgBinaryResolver(this);
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        InputStream bundled;
        try {
            bundled = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("Missing")) {
                throw e;
            }
            // The jar carries the binaries of the platform it was built for only (see pom.xml).
            throw new IllegalStateException("This build of the service carries no embedded PostgreSQL for " + system
                    + " " + machineHardware + ", only that of the platform it was built for: build it on this platform"
                    + " or with -Dembedded-postgres.platform=<platform>, or set LEDGER_DB_URL to use an external"
                    + " PostgreSQL", e);
        }
        if (bundled == null) {
            return null;
        }
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("zonky names its binaries' folder after an MD5, which this JVM lacks", e);
        }
        return new DigestInputStream(bundled, md5) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                super.close();
                if (!closed) {
                    closed = true;
                    archiveDigest = HexFormat.of().formatHex(md5.digest());
                }
            }
        };
    }

    /** The program {@code name} of the binaries unpacked for this start, such as "postgres". */
    Path executable(String name) {
        String digest = archiveDigest;
        if (digest == null) {
            throw new IllegalStateException("the PostgreSQL binaries have not been unpacked into " + folder + " yet");
        }
        Path program = folder.resolve(UNPACKED_PREFIX + digest).resolve("bin").resolve(name);
        if (!Files.isExecutable(program)) {
            throw new IllegalStateException("the PostgreSQL binaries unpacked into " + folder + " have no " + program);
        }
        return program;
    }

    /** Removes the binaries that earlier versions of the service unpacked into the folder (about 60 MB each). */
    void removeOtherVersions() {
        String current = UNPACKED_PREFIX + archiveDigest;
        try (Stream<Path> children = Files.list(folder)) {
            List<Path> others = children.filter(child -> child.getFileName().toString().startsWith(UNPACKED_PREFIX))
                    .filter(child -> !child.getFileName().toString().equals(current)).toList();
            for (Path other : others) {
                log.info("Removing the PostgreSQL binaries of an earlier version in {}", other);
                delete(other);
            }
        } catch (IOException e) {
            log.warn("Could not remove the PostgreSQL binaries of earlier versions from {}", folder, e);
        }
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
