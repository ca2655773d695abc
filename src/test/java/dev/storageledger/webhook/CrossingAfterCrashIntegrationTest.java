package dev.storageledger.webhook;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.ServiceProcess;
import dev.storageledger.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A quota crossing committed by an instance that is killed with SIGKILL right after the commit is delivered by another
 * instance: the event is in the outbox, written in the write's own transaction, not in the memory of the instance that
 * made it (whose worker here never polls after its start).
 */
class CrossingAfterCrashIntegrationTest extends IntegrationTest {

    @Test
    void a_crossing_committed_by_an_instance_killed_right_after_is_delivered_by_another() throws Exception {
        int customer = newCustomerId();
        given.policy("crash-" + customer, 1_000, 10_000);
        given.customer(customer, "crash-" + customer);
        given.space(customer, 1);
        try (WebhookReceiver receiver = new WebhookReceiver();
                ServiceProcess writer = startInstance("crossing-crash", Map.of("LEDGER_WEBHOOK_ALLOW_PRIVATE", "true",
                        "LEDGER_WEBHOOK_POLL_INTERVAL", "1h"))) {
            writer.awaitHealth(Duration.ofSeconds(180));
            given.webhook(customer, receiver.url("/crash"), List.of("quota.nearing"));

            LedgerClient.Response write = adminOf(writer.port()).put("/customers/" + customer + "/spaces/1/images/big",
                    object("size", 9_500));
            assertThat(write.status()).as(write.body()).isEqualTo(201);
            writer.kill();

            List<WebhookReceiver.Received> received = receiver.await("/crash", 1, Duration.ofSeconds(30));
            assertThat(received).hasSize(1);
            assertThat(received.getFirst().type()).isEqualTo("quota.nearing");
            assertThat(received.getFirst().json().get("data").get("customer").asInt()).isEqualTo(customer);
            assertThat(received.getFirst().json().get("data").get("used").asLong()).isEqualTo(9_500);
        }
    }
}
