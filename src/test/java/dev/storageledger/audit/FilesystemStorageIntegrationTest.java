package dev.storageledger.audit;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.LedgerProperties;
import dev.storageledger.bench.DataGenerator;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import dev.storageledger.support.TestDatabase;
import dev.storageledger.support.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The real-storage contract on a filesystem root. */
class FilesystemStorageIntegrationTest extends RealStorageContract {

    private static final Path ROOT = temporaryRoot();

    @Autowired
    private LedgerProperties properties;

    @Autowired
    private DataSource dataSource;

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
    void a_reconciliation_that_finishes_is_announced_to_the_customers_webhooks() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.asset(customer, 1, "same", object("size", 30));
        given.asset(customer, 1, "gone", object("size", 40));
        write(customer + "/1/same/f", 30);
        write(customer + "/1/stray/f", 7);
        LedgerClient admin = admin();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            LedgerClient.Response subscribed = admin.post("/customers/" + customer + "/webhooks",
                    object("url", receiver.url("/reconciled"), "events", List.of("reconciliation.finished")));
            assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);

            LedgerClient.Response started = admin.post("/customers/" + customer + "/storage/reconciliations", object("space", 1));
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String location = started.header("Location");
            String job = location.substring(location.lastIndexOf('/') + 1);

            WebhookReceiver.Received received = receiver.await("/reconciled", 1, Duration.ofSeconds(30)).getFirst();
            JsonNode data = received.json().get("data");
            assertThat(received.type()).isEqualTo("reconciliation.finished");
            assertThat(data.get("customer").asInt()).isEqualTo(customer);
            assertThat(data.get("space").asInt()).isEqualTo(1);
            assertThat(data.get("job").stringValue()).isEqualTo(job);
            assertThat(data.get("mode").stringValue()).isEqualTo("dry-run");
            assertThat(data.get("matching").asLong()).isEqualTo(1);
            assertThat(data.get("missing").asLong()).isEqualTo(1);
            assertThat(data.get("orphans").asLong()).isEqualTo(1);
        }
    }

    /**
     * A reconciliation counts toward its customer's limit of unfinished jobs as a recalculation does. The recalculations'
     * turn (an advisory lock, RecalculationRepository) is held here, so the first two take both job threads and wait,
     * and the jobs after them stay queued.
     */
    @Test
    void reconciliations_and_recalculations_share_a_customers_limit_of_unfinished_jobs() throws Exception {
        int limit = properties.perCustomer().maxJobs();
        int customer = newCustomerId();
        given.customer(customer);
        LedgerClient admin = admin();
        String recalculations = "/customers/" + customer + "/storage/recalculations";
        String reconciliations = "/customers/" + customer + "/storage/reconciliations";
        List<LedgerClient.Response> accepted = new ArrayList<>();
        try (Connection turn = dataSource.getConnection(); Statement statement = turn.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(1279607879, 0)");
            for (int recalculation = 0; recalculation < limit - 1; recalculation++) {
                accepted.add(admin.post(recalculations, null));
            }
            accepted.add(admin.post(reconciliations, null));

            LedgerClient.Response oneMore = admin.post(reconciliations, null);
            assertThat(oneMore.status()).as(oneMore.body()).isEqualTo(429);
            assertThat(oneMore.json().get("detail").asString()).contains(limit + " recalculations and reconciliations queued or running");
            assertThat(admin.post(recalculations, null).status()).isEqualTo(429);
            statement.execute("SELECT pg_advisory_unlock(1279607879, 0)");
        }

        assertThat(accepted).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(202));
        for (LedgerClient.Response job : accepted) {
            String path = job.header("Location").substring(job.header("Location").indexOf("/", "http://".length()));
            Poll.until(() -> admin.get(path).json(), state -> state.get("state").asString().equals("succeeded"), Duration.ofSeconds(120));
        }
        assertThat(admin.post(reconciliations, null).status()).isEqualTo(202);
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
