package dev.storageledger.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The embedded database accepts the service alone: a login needs the password kept in the data folder, the server
 * listens on the loopback address only, and its Unix socket and password are out of every other user's reach. The
 * attack of another user of the machine is run as one ({@code nobody}), as a process of its own.
 */
class EmbeddedDatabaseAccessTest {

    @TempDir
    static Path workspace;
    static Path dataFolder;
    static EmbeddedDatabase database;
    /** The service's own connection, with the password it was given. */
    static SingleConnectionDataSource service;

    @BeforeAll
    static void start() throws Exception {
        // A parent every user may pass through, as /var/lib or /srv are: only the data folder's own modes keep others out.
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxr-xr-x"));
        dataFolder = workspace.resolve("data");
        database = EmbeddedDatabase.start(dataFolder, true);
        service = new SingleConnectionDataSource(database.jdbcUrl(), database.user(), database.password(), true);
    }

    @AfterAll
    static void stop() {
        service.destroy();
        database.close();
    }

    @Test
    void a_login_as_the_superuser_without_the_password_or_with_a_wrong_one_is_refused() {
        assertThatThrownBy(() -> login("")).isInstanceOf(SQLException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> login("postgres")).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed for user \"postgres\"");
    }

    @Test
    void the_service_logs_in_with_the_password_kept_in_the_data_folder() throws Exception {
        String kept = Files.readString(dataFolder.resolve(EmbeddedDatabase.PASSWORD_FILE), StandardCharsets.UTF_8);

        assertThat(kept).isEqualTo(database.password()).hasSizeGreaterThanOrEqualTo(40);
        try (Connection connection = login(kept)) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void every_rule_of_the_server_asks_for_the_password_of_the_service_user() {
        List<String> rules = sql().sql("SELECT type || ' ' || array_to_string(user_name, ',') || ' ' || coalesce(address, '') || ' '"
                + " || auth_method FROM pg_hba_file_rules ORDER BY rule_number").query(String.class).list();

        assertThat(rules).containsExactly("local postgres  scram-sha-256", "host postgres 127.0.0.1 scram-sha-256");
    }

    @Test
    void the_server_listens_on_the_loopback_address_and_on_a_socket_in_the_data_folder_only() {
        assertThat(setting("listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(setting("unix_socket_directories")).isEqualTo(dataFolder.resolve(EmbeddedDatabase.SOCKET_DIRECTORY).toString());
        assertThat(setting("unix_socket_permissions")).isEqualTo("0700");
        assertThat(setting("password_encryption")).isEqualTo("scram-sha-256");
    }

    @Test
    void the_data_folder_the_password_file_and_the_socket_directory_are_the_services_alone() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataFolder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataFolder.resolve(EmbeddedDatabase.PASSWORD_FILE))))
                .isEqualTo("rw-------");
        Path sockets = dataFolder.resolve(EmbeddedDatabase.SOCKET_DIRECTORY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sockets))).isEqualTo("rwx------");
        assertThat(sockets.resolve(".s.PGSQL." + database.port())).exists();
    }

    @Test
    void the_server_runs_the_binaries_unpacked_into_the_data_folder_not_into_a_folder_every_user_may_write() throws Exception {
        String postmaster = Files.readAllLines(dataFolder.resolve(EmbeddedDatabase.CLUSTER_DIRECTORY).resolve("postmaster.pid")).getFirst();

        assertThat(ProcessHandle.of(Long.parseLong(postmaster.trim())).flatMap(process -> process.info().command()))
                .hasValueSatisfying(command -> assertThat(command).startsWith(dataFolder.resolve(EmbeddedDatabase.BINARIES_DIRECTORY) + "/")
                        .endsWith("/bin/postgres"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataFolder.resolve(EmbeddedDatabase.BINARIES_DIRECTORY))))
                .isEqualTo("rwx------");
    }

    @Test
    void another_user_of_the_machine_can_neither_log_in_nor_read_the_password_nor_reach_a_socket() throws Exception {
        Path ownSocket = dataFolder.resolve(EmbeddedDatabase.SOCKET_DIRECTORY).resolve(".s.PGSQL." + database.port());
        Path sharedSocket = Path.of("/tmp", ".s.PGSQL." + database.port());

        List<String> report = runAsNobody(OutsiderProbe.class, String.valueOf(database.port()),
                dataFolder.resolve(EmbeddedDatabase.PASSWORD_FILE).toString(), ownSocket.toString(), sharedSocket.toString());

        assertThat(report).hasSize(4).noneMatch(line -> line.contains(": accepted:"));
        assertThat(report.get(0)).startsWith("tcp: refused: 08004").contains("password");
        assertThat(report.get(1)).startsWith("password-file: refused: AccessDeniedException");
        assertThat(report.get(2)).startsWith("socket " + ownSocket + ": refused:").containsIgnoringCase("permission denied");
        assertThat(report.get(3)).startsWith("socket " + sharedSocket + ": refused:").containsIgnoringCase("no such file");
    }

    private static Connection login(String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + database.port() + "/postgres", "postgres", password);
    }

    private static JdbcClient sql() {
        return JdbcClient.create(service);
    }

    private static String setting(String name) {
        return sql().sql("SELECT current_setting(:name)").param("name", name).query(String.class).single();
    }

    /**
     * Runs {@code main} of {@code probe} as the user nobody, in a JVM of its own, with the PostgreSQL driver, and answers
     * its output's lines. Its class and the driver are copied to a folder nobody can read, since the build's folders
     * (the local Maven repository under /root) may not be.
     */
    private static List<String> runAsNobody(Class<?> probe, String... arguments) throws Exception {
        Path staging = Files.createDirectory(workspace.resolve("probe"));
        Path classes = staging.resolve("classes");
        String resource = probe.getName().replace('.', '/') + ".class";
        Path classFile = classes.resolve(resource);
        Files.createDirectories(classFile.getParent());
        try (var in = probe.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, classFile);
        }
        Path driver = staging.resolve("postgresql.jar");
        Files.copy(Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()), driver,
                StandardCopyOption.REPLACE_EXISTING);
        try (var walk = Files.walk(staging)) {
            for (Path path : walk.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        assertThat(System.getProperty("user.name")).as("the test switches to the user nobody, which only root may do").isEqualTo("root");

        List<String> command = new ArrayList<>(List.of("runuser", "-u", "nobody", "--",
                ProcessHandle.current().info().command().orElseThrow(), "-XX:-UsePerfData",
                "-cp", classes + File.pathSeparator + driver, probe.getName()));
        command.addAll(Arrays.asList(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("the probe's output: %s", output).isZero();
        return output.lines().toList();
    }
}
