package dev.storageledger.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.StorageLedgerApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first start on an empty data folder, as `./mvnw spring-boot:run` makes it: its log at INFO says where the
 * embedded PostgreSQL listens, without the lines that initdb and the server print while they start.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseStartLogTest {

    @Test
    void the_first_start_logs_where_the_database_listens_without_initdbs_chatter(@TempDir Path folder, CapturedOutput log) {
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(StorageLedgerApplication.class).run(
                "--ledger.db.url=", "--ledger.db.embedded-allow-root=true", "--ledger.data-dir=" + folder.resolve("data"),
                "--server.port=0", "--ledger.admin.key=admin", "--ledger.admin.secret=start-log-secret")) {
            assertThat(log.getOut()).contains("Embedded PostgreSQL started on 127.0.0.1:");
            assertThat(log.getOut().lines())
                    .noneMatch(line -> line.contains("The files belonging to this database system will be owned by"))
                    .noneMatch(line -> line.contains("running bootstrap script"))
                    .noneMatch(line -> line.contains("Success. You can now start the database server"))
                    .noneMatch(line -> line.contains("database system is ready to accept connections"));
        }
    }
}
