package dev.storageledger.worker;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import dev.storageledger.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Each background worker of the service killed in turn (its thread interrupted while the service runs, which ended
 * the webhook sender and the writer for good before): a new thread takes over under its name, health stays UP, and
 * the work goes on: a write is applied and a webhook is delivered after every worker was killed.
 */
class WorkersIntegrationTest extends IntegrationTest {

    private static final List<String> WORKERS = List.of("ledger-writer-0", "ledger-webhooks", "ledger-pack-expiry",
            "ledger-database-probe", "ledger-change-listener");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    private Workers workers;

    @Test
    void each_background_worker_killed_is_replaced_and_its_work_goes_on() throws Exception {
        for (String name : WORKERS) {
            // Other test classes' application contexts, cached in this JVM, have workers of the same names: this one's is
            // the thread its worker in this context runs.
            Thread killed = workers.all().stream().filter(worker -> worker.name().equals(name)).findFirst().orElseThrow().thread();
            int before = alive(name).size();

            killed.interrupt();

            Poll.until(() -> !killed.isAlive() && alive(name).size() == before, PATIENCE);
        }

        JsonNode workers = admin().get("/actuator/health").json().get("components").get("workers");
        assertThat(workers.get("status").stringValue()).isEqualTo("UP");
        for (String name : WORKERS) {
            assertThat(workers.get("details").get(name).get("alive").asBoolean()).as(name).isTrue();
            assertThat(workers.get("details").get(name).get("restarts").asInt()).as(name).isGreaterThanOrEqualTo(1);
        }
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            int customer = newCustomerId();
            given.policy("workers-" + customer, 1_000, 1_000);
            given.customer(customer, "workers-" + customer);
            given.space(customer, 1);
            given.webhook(customer, receiver.url("/quota"), List.of("quota.nearing"));

            LedgerClient.Response write = CompletableFuture.supplyAsync(
                    () -> admin().put("/customers/" + customer + "/spaces/1/images/a", object("size", 950))).get(30, TimeUnit.SECONDS);

            assertThat(write.status()).as(write.body()).isEqualTo(201);
            assertThat(receiver.await("/quota", 1, PATIENCE)).extracting(WebhookReceiver.Received::type).containsExactly("quota.nearing");
        }
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
    }

    private static List<Thread> alive(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name) && thread.isAlive()).toList();
    }
}
