package dev.storageledger.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A data folder made by an earlier version of the service, whose embedded database let any local user in as the
 * superuser without a password ("trust"): the first start of this version moves it to password authentication
 * before the server accepts a connection, and keeps its data.
 */
class EmbeddedDatabaseUpgradeTest {

    @Test
    void a_data_folder_that_trusted_every_local_user_asks_for_the_password_after_the_upgrade_and_keeps_its_data(@TempDir Path dataFolder)
            throws Exception {
        // The earlier version started zonky's server so, on the data folder itself: initdb -A trust, no password.
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dataFolder).setCleanDataDirectory(false).start()) {
            JdbcClient trusted = JdbcClient.create(earlier.getPostgresDatabase());
            trusted.sql("CREATE TABLE kept (what text)").update();
            trusted.sql("INSERT INTO kept VALUES ('written before the upgrade')").update();
            assertThat(trusted.sql("SELECT DISTINCT auth_method FROM pg_hba_file_rules").query(String.class).list()).containsExactly("trust");
        }

        String password;
        try (EmbeddedDatabase upgraded = EmbeddedDatabase.start(dataFolder, true)) {
            password = upgraded.password();
            assertThatThrownBy(() -> login(upgraded.port(), "")).isInstanceOf(SQLException.class).hasMessageContaining("password");
            try (Connection connection = login(upgraded.port(), password)) {
                JdbcClient sql = JdbcClient.create(new SingleConnectionDataSource(connection, true));
                assertThat(sql.sql("SELECT what FROM kept").query(String.class).single()).isEqualTo("written before the upgrade");
                assertThat(sql.sql("SELECT DISTINCT auth_method FROM pg_hba_file_rules").query(String.class).list())
                        .containsExactly("scram-sha-256");
            }
            Path passwordFile = dataFolder.resolve(EmbeddedDatabase.PASSWORD_FILE);
            assertThat(Files.readString(passwordFile, StandardCharsets.UTF_8)).isEqualTo(password);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            assertThat(Files.readAllLines(dataFolder.resolve("pg_hba.conf")))
                    .filteredOn(line -> !line.isBlank() && !line.startsWith("#"))
                    .noneMatch(line -> line.contains("trust"));
        }

        // Moved once: the next start keeps the password.
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataFolder, true);
             Connection connection = login(again.port(), password)) {
            assertThat(again.password()).isEqualTo(password);
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void a_new_data_folder_keeps_the_database_in_a_folder_of_its_own_beside_the_services_files(@TempDir Path dataFolder) {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataFolder, true)) {
            assertThat(dataFolder.resolve(EmbeddedDatabase.CLUSTER_DIRECTORY).resolve("PG_VERSION")).exists();
            assertThat(List.of(EmbeddedDatabase.PASSWORD_FILE, EmbeddedDatabase.LOCK_FILE, EmbeddedDatabase.SOCKET_DIRECTORY))
                    .allSatisfy(name -> assertThat(dataFolder.resolve(name)).exists());
            assertThat(database.port()).isPositive();
        }
    }

    private static Connection login(int port, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
    }
}
