package dev.storageledger.database;

import dev.storageledger.SettingsFailureAnalyzer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The embedded PostgreSQL is not run as root unless LEDGER_EMBEDDED_DB_ALLOW_ROOT says so: zonky would run it in a user
 * namespace where it keeps root's reach over the machine's files. The tests, like CI, run as root: those that start
 * the service's embedded database allow it where they start it.
 */
class EmbeddedDatabaseRootTest {

    @Test
    void as_root_the_embedded_database_is_refused_unless_allowed_and_the_refusal_names_the_setting() {
        assertThatThrownBy(() -> EmbeddedDatabase.refuseRoot(OptionalInt.of(0), false)).isInstanceOf(RunAsRootRefused.class)
                .hasMessageContaining("runs as root (uid 0)").hasMessageContaining("LEDGER_EMBEDDED_DB_ALLOW_ROOT=true")
                .hasMessageContaining("LEDGER_DB_URL");
        assertThatCode(() -> EmbeddedDatabase.refuseRoot(OptionalInt.of(0), true)).doesNotThrowAnyException();
        assertThatCode(() -> EmbeddedDatabase.refuseRoot(OptionalInt.of(1000), false)).doesNotThrowAnyException();
        assertThatCode(() -> EmbeddedDatabase.refuseRoot(OptionalInt.empty(), false)).doesNotThrowAnyException();
    }

    @Test
    void the_refusal_is_told_as_a_failed_start_with_the_setting_as_its_action() {
        FailureAnalysis analysis = new SettingsFailureAnalyzer().analyze(new IllegalStateException("the data source failed",
                new RunAsRootRefused()));

        assertThat(analysis.getDescription()).contains("runs as root (uid 0)");
        assertThat(analysis.getAction()).contains("LEDGER_EMBEDDED_DB_ALLOW_ROOT=true", "LEDGER_DB_URL", "unprivileged user");
    }

    @Test
    void the_effective_user_is_read_from_the_process_status() {
        String status = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n";

        assertThat(EmbeddedDatabase.effectiveUid(status)).hasValue(0);
        assertThat(EmbeddedDatabase.effectiveUid("Name:\tjava\n")).isEmpty();
    }

    @Test
    void a_service_started_as_root_without_the_setting_makes_no_cluster(@TempDir Path workspace) throws Exception {
        Path dataFolder = workspace.resolve("data");
        OptionalInt uid = EmbeddedDatabase.currentUid();
        assertThat(uid).as("this test reads the uid from /proc/self/status, as the service does on Linux").isPresent();

        if (uid.getAsInt() == 0) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dataFolder, false)).isInstanceOf(RunAsRootRefused.class)
                    .hasMessageContaining("LEDGER_EMBEDDED_DB_ALLOW_ROOT=true");
            assertThat(dataFolder.resolve(EmbeddedDatabase.CLUSTER_DIRECTORY)).doesNotExist();
        } else {
            try (EmbeddedDatabase database = EmbeddedDatabase.start(dataFolder, false)) {
                assertThat(database.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
            }
            assertThat(Files.isDirectory(dataFolder.resolve(EmbeddedDatabase.CLUSTER_DIRECTORY))).isTrue();
        }
    }
}
