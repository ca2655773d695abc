package dev.storageledger.database;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may log in to the embedded server: its superuser, {@code postgres}, with the password kept in the data folder
 * (generated at the first start, readable by the service's user alone), over 127.0.0.1 or the Unix socket in the data
 * folder. Nobody else, and nobody without the password: "trust" is nowhere.
 *
 * <p>The server's rules (pg_hba.conf) are written at every start, before the server starts. When the cluster's rules
 * are not these (a folder made by an earlier version, which trusted every local user; a cluster initdb has just made;
 * a start interrupted half-way) or the password was just generated, the superuser's password is set first, with
 * PostgreSQL in single-user mode: no server listens and nothing else can connect while it is done.
 */
final class PasswordAuthentication {

    private static final Logger log = LoggerFactory.getLogger(PasswordAuthentication.class);

    static final String RULES = """
            # Written by Storage Ledger at every start of its embedded PostgreSQL: a change here is overwritten.
            # Only the service's superuser, with its password (in the data folder's database-password), over the
            # Unix socket in the data folder or over 127.0.0.1. No other user, no other address, no "trust".
            # TYPE  DATABASE  USER      ADDRESS        METHOD
            local   all       postgres                 scram-sha-256
            host    all       postgres  127.0.0.1/32   scram-sha-256
            """;
    private static final String RULES_FILE = "pg_hba.conf";
    private static final int PASSWORD_BYTES = 32;

    private final Path passwordFile;
    private final String password;
    private final boolean generated;

    private PasswordAuthentication(Path passwordFile, String password, boolean generated) {
        this.passwordFile = passwordFile;
        this.password = password;
        this.generated = generated;
    }

    /** The password kept in {@code passwordFile}, or a new one written there (mode 0600) when there is none. */
    static PasswordAuthentication keptIn(Path passwordFile) {
        try {
            if (Files.exists(passwordFile)) {
                Folders.restrict(passwordFile, "rw-------");
                String kept = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
                if (!kept.isEmpty()) {
                    if (kept.chars().anyMatch(Character::isISOControl)) {
                        throw new IllegalStateException("The embedded database's password in " + passwordFile
                                + " holds a line break or a control character; write it on one line, or delete the file for a new one.");
                    }
                    return new PasswordAuthentication(passwordFile, kept, false);
                }
            }
            byte[] random = new byte[PASSWORD_BYTES];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path written = passwordFile.resolveSibling(passwordFile.getFileName() + ".new");
            Files.deleteIfExists(written);
            Folders.createPrivateFile(written);
            Files.writeString(written, password, StandardCharsets.UTF_8);
            Files.move(written, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.info("Generated the embedded database's password in {}", passwordFile);
            return new PasswordAuthentication(passwordFile, password, true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the embedded database's password in " + passwordFile, e);
        }
    }

    String password() {
        return password;
    }

    Path passwordFile() {
        return passwordFile;
    }

    /**
     * Gives {@code cluster}, whose server is not running, this authentication. A cluster that initdb has just made has
     * initdb's rules, not these, and has its password set once more, as a folder made by an earlier version has.
     *
     * @param postgres the postgres program of the cluster's binaries
     */
    void enforce(Path cluster, Path postgres) {
        Path rules = cluster.resolve(RULES_FILE);
        try {
            boolean rulesAreThese = Files.exists(rules) && Files.readString(rules, StandardCharsets.UTF_8).equals(RULES);
            if (generated || !rulesAreThese) {
                log.info("Setting the password of the embedded database's superuser in {}, in single-user mode", cluster);
                setSuperuserPassword(cluster, postgres);
            }
            if (!rulesAreThese) {
                Path written = rules.resolveSibling(RULES_FILE + ".new");
                Files.deleteIfExists(written);
                Folders.createPrivateFile(written);
                Files.writeString(written, RULES, StandardCharsets.UTF_8);
                Files.move(written, rules, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                log.info("The embedded database in {} now asks every client for the password", cluster);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the embedded database's client authentication in " + rules, e);
        }
    }

    /**
     * ALTER ROLE in a single-user backend, which reads the statement from its standard input. The password is never on a
     * command line, and the statement is not logged even when it fails.
     */
    private void setSuperuserPassword(Path cluster, Path postgres) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As zonky runs every PostgreSQL program when the service runs as root, which PostgreSQL refuses to be.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgres.toString(), "--single", "-D", cluster.toString(), "-c", "password_encryption=scram-sha-256",
                "-c", "log_statement=none", "-c", "log_min_error_statement=panic", EmbeddedDatabase.DATABASE));
        Process backend = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream statement = backend.getOutputStream()) {
            statement.write(("ALTER ROLE " + EmbeddedDatabase.USER + " WITH PASSWORD '" + password.replace("'", "''") + "'\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(backend.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace(password, "********");
        try {
            if (!backend.waitFor(2, TimeUnit.MINUTES)) {
                backend.destroyForcibly();
                throw new IllegalStateException("PostgreSQL in single-user mode did not end in 2 minutes on " + cluster + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            backend.destroyForcibly();
            throw new IllegalStateException("interrupted while setting the embedded database's password", e);
        }
        if (backend.exitValue() != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
            throw new IllegalStateException("could not set the password of the embedded database's superuser in " + cluster
                    + " (exit " + backend.exitValue() + "): " + output);
        }
        log.debug("Single-user PostgreSQL on {}: {}", cluster, output);
    }
}
