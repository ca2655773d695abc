package dev.storageledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.bench.DataGenerator;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import dev.storageledger.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The real-storage contract on a filesystem root. */
class FilesystemStorageIntegrationTest extends RealStorageContract {

    private static final Path ROOT = temporaryRoot();

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("ledger.storage.root", ROOT::toString);
    }

    private static Path temporaryRoot() {
        try {
            return Files.createTempDirectory("ledger-storage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void write(String path, int bytes) throws IOException {
        Path file = ROOT.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }

    @Override
    int tiles() {
        return 20_000;
    }

    @Test
    void a_reconciliation_of_a_million_records_reports_progress_while_it_runs() throws Exception {
        TestDatabase.Connection connection = TestDatabase.get();
        new DataGenerator(connection.url(), connection.user(), connection.password())
                .load(new DataGenerator.Scale(900_000, 1, 10, 100_000));
        LedgerClient admin = admin();

        LedgerClient.Response started = admin.post("/customers/900000/storage/reconciliations", null);
        String path = started.header("Location").substring(started.header("Location").indexOf("/", "http://".length()));
        List<String> seen = new ArrayList<>();
        JsonNode job = Poll.until(() -> {
            JsonNode polled = admin.get(path).json();
            if (polled.has("recordsTotal")) {
                seen.add(polled.get("state").stringValue() + " " + polled.get("objectsChecked").asLong() + "/"
                        + polled.get("recordsTotal").asLong());
            }
            return polled;
        }, polled -> !polled.get("state").stringValue().matches("queued|running"), Duration.ofSeconds(180));

        assertThat(job.get("state").stringValue()).isEqualTo("succeeded");
        assertThat(job.get("missing").get("count").asLong()).isEqualTo(1_000_000); // nothing of it is stored
        assertThat(job.get("missing").get("items").size()).isEqualTo(1_000);
        assertThat(job.get("objectsChecked").asLong()).isEqualTo(1_000_000);
        assertThat(seen).as("progress seen while running").anySatisfy(progress -> {
            String[] figures = progress.substring("running ".length()).split("/");
            assertThat(progress).startsWith("running ");
            assertThat(Long.parseLong(figures[0])).isPositive().isLessThan(Long.parseLong(figures[1]));
        });
    }
}
