package dev.storageledger.audit;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.bench.DataGenerator;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import dev.storageledger.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.AopTestUtils;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * Recalculation proves the totals: a clean ledger shows no drift; drift injected behind the ledger's back (a total
 * changed in SQL) is found with its scope and size, repaired, and gone from the next recalculation. A reader may wait
 * for a job to finish (Prefer: wait) instead of polling.
 */
class RecalculationIntegrationTest extends IntegrationTest {

    @Autowired
    private Jobs jobs;

    private LedgerClient admin;
    private int customer;

    @BeforeEach
    void aCustomerWithRecords() {
        admin = admin();
        customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.space(customer, 2);
        given.user(customer, "owner", object("quota", 1_000_000));
        given.records(customer,
                object("space", 1, "asset", "a", "size", 100, "thumbnailSize", 10, "owner", "owner"),
                object("space", 1, "asset", "b", "size", 200, "thumbnailSize", 20),
                object("space", 2, "asset", "c", "size", 300, "thumbnailSize", 30, "owner", "owner"));
    }

    private JsonNode recalculate(String path) throws Exception {
        LedgerClient.Response started = admin.post(path, null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo(started.json().get("@id").stringValue());
        return awaitFinished(started.header("Location"));
    }

    private JsonNode awaitFinished(String location) throws Exception {
        String path = location.substring(location.indexOf("/", "http://".length()));
        return Poll.until(() -> admin.get(path).json(), job -> !job.get("state").stringValue().matches("queued|running"),
                Duration.ofSeconds(120));
    }

    @Test
    void a_clean_ledger_shows_no_drift_and_every_scope_is_stamped() throws Exception {
        String before = admin.get("/customers/" + customer + "/storage").json().get("lastCalculated").stringValue();

        JsonNode job = recalculate("/customers/" + customer + "/storage/recalculations");

        assertThat(job.get("state").stringValue()).isEqualTo("succeeded");
        assertThat(job.get("scope").stringValue()).isEqualTo("customer " + customer);
        assertThat(job.get("driftFound").asInt()).isZero();
        assertThat(job.get("drift").isEmpty()).isTrue();
        assertThat(job.get("scopesChecked").asLong()).isEqualTo(4); // two spaces, one user, the customer
        assertThat(job.get("recordsChecked").asLong()).isEqualTo(3);
        assertThat(job.get("recordsTotal").asLong()).isEqualTo(3);
        assertThat(Instant.parse(job.get("finished").stringValue())).isAfterOrEqualTo(Instant.parse(job.get("started").stringValue()));
        assertThat(Instant.parse(admin.get("/customers/" + customer + "/storage").json().get("lastCalculated").stringValue()))
                .isAfter(Instant.parse(before));
    }

    @Test
    void drift_injected_behind_the_ledgers_back_is_found_with_its_scope_and_size_and_repaired() throws Exception {
        jdbc.sql("UPDATE space SET total_size_of_stored_images = total_size_of_stored_images + 500 WHERE customer = :c AND id = 2")
                .param("c", customer).update();
        jdbc.sql("UPDATE customer SET number_of_stored_images = number_of_stored_images + 1 WHERE id = :c").param("c", customer).update();
        jdbc.sql("UPDATE user_account SET total_size_of_thumbnails = total_size_of_thumbnails - 7 WHERE customer = :c AND id = 'owner'")
                .param("c", customer).update();

        JsonNode job = recalculate("/customers/" + customer + "/storage/recalculations");

        assertThat(job.get("driftFound").asInt()).isEqualTo(3);
        assertThat(job.get("drift").valueStream().map(JsonNode::toString)).containsExactlyInAnyOrder(
                "{\"scope\":\"space 2 of customer " + customer + "\",\"numberOfStoredImages\":0,\"totalSizeOfStoredImages\":500,"
                        + "\"totalSizeOfThumbnails\":0}",
                "{\"scope\":\"user 'owner' of customer " + customer + "\",\"numberOfStoredImages\":0,\"totalSizeOfStoredImages\":0,"
                        + "\"totalSizeOfThumbnails\":-7}",
                "{\"scope\":\"customer " + customer + "\",\"numberOfStoredImages\":1,\"totalSizeOfStoredImages\":0,"
                        + "\"totalSizeOfThumbnails\":0}");
        assertThat(admin.get("/customers/" + customer + "/spaces/2/storage").json().get("totalSizeOfStoredImages").asLong()).isEqualTo(300);
        assertThat(admin.get("/customers/" + customer + "/storage").json().get("numberOfStoredImages").asLong()).isEqualTo(3);
        assertThat(admin.get("/customers/" + customer + "/users/owner").json().get("used").asLong()).isEqualTo(440);
        assertThat(admin.get("/actuator/prometheus").body()).containsPattern("ledger_recalculation_drift_total\\{scope=\"space\"} [1-9]");
        assertThat(recalculate("/customers/" + customer + "/storage/recalculations").get("driftFound").asInt()).isZero();
    }

    @Test
    void a_space_is_recalculated_alone_and_a_customers_key_recalculates_only_its_own_customer() throws Exception {
        jdbc.sql("UPDATE space SET number_of_stored_images = number_of_stored_images + 2 WHERE customer = :c AND id = 1")
                .param("c", customer).update();

        JsonNode job = recalculate("/customers/" + customer + "/spaces/1/storage/recalculations");

        assertThat(job.get("scope").stringValue()).isEqualTo("space 1 of customer " + customer);
        assertThat(job.get("scopesChecked").asLong()).isEqualTo(1);
        assertThat(job.get("drift").get(0).get("numberOfStoredImages").asLong()).isEqualTo(2);
        JsonNode key = admin.post("/customers/" + customer + "/keys", null).json();
        LedgerClient holder = as(key.get("key").stringValue(), key.get("secret").stringValue());
        assertThat(holder.post("/customers/" + customer + "/storage/recalculations", null).status()).isEqualTo(202);
        assertThat(holder.post("/customers/1/storage/recalculations", null).status()).isEqualTo(403);
        assertThat(holder.post("/storage/recalculations", null).status()).isEqualTo(403);
        assertThat(admin.post("/customers/2147483000/storage/recalculations", null).status()).isEqualTo(404);
        assertThat(admin.get("/customers/" + customer + "/storage/recalculations/no-such-job").status()).isEqualTo(404);
    }

    @Test
    void a_reader_that_prefers_to_wait_is_answered_when_the_job_has_finished_not_before() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Job job = jobs.start(UUID.randomUUID().toString(), Job.Kind.RECALCULATION, customer, null, progress -> {
            release.await(60, TimeUnit.SECONDS);
            return new RecalculationResult(0, List.of());
        });
        String path = "/customers/" + customer + "/storage/recalculations/" + job.id();
        assertThat(admin.get(path).json().get("state").stringValue()).matches("queued|running");
        assertThat(admin.send("GET", path, null, null, "Prefer: wait=1").json().get("state").stringValue()).matches("queued|running");

        CompletableFuture<JsonNode> waited = CompletableFuture.supplyAsync(() -> admin.send("GET", path, null, null, "Prefer: wait=30").json());
        long start;
        try {
            // Released once the reader's request is waiting in the service for this job to end, not before: the job's
            // completion then has a dependent (the waiting reader), which is what Jobs.await blocks on.
            Poll.until(() -> waitingReaders(job) > 0, Duration.ofSeconds(30));
            start = System.nanoTime();
        } finally {
            release.countDown(); // a failed wait leaves no job holding a worker until the JVM's end
        }

        assertThat(waited.get(30, TimeUnit.SECONDS).get("state").stringValue()).isEqualTo("succeeded");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(admin.send("GET", path, null, null, "Prefer: wait=nonsense").status()).isEqualTo(200);
    }

    /** How many readers wait in the service for the job (this instance runs it) to end. */
    private int waitingReaders(Job job) {
        Map<?, ?> running = (Map<?, ?>) ReflectionTestUtils.getField((Object) AopTestUtils.getTargetObject(jobs), "running");
        return running.get(job.id()) instanceof CompletableFuture<?> done ? done.getNumberOfDependents() : 0;
    }

    @Test
    void a_recalculation_of_every_customer_goes_through_a_million_records() throws Exception {
        TestDatabase.Connection connection = TestDatabase.get();
        new DataGenerator(connection.url(), connection.user(), connection.password())
                .load(new DataGenerator.Scale(800_000, 100, 10, 1_000));

        JsonNode job = recalculate("/storage/recalculations");

        assertThat(job.get("state").stringValue()).isEqualTo("succeeded");
        assertThat(job.get("scope").stringValue()).isEqualTo("every customer");
        assertThat(job.get("driftFound").asInt()).isZero();
        assertThat(job.get("recordsChecked").asLong()).isGreaterThanOrEqualTo(1_000_000).isEqualTo(job.get("recordsTotal").asLong());
    }
}
