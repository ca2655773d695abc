package dev.storageledger.webhook;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.ServiceProcess;
import dev.storageledger.support.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two instances' delivery workers on one database (this test's and another process's): each event reaches its
 * webhook once, since a delivery is claimed by one worker (FOR UPDATE SKIP LOCKED, with a lease) until its outcome is
 * recorded.
 */
class MultiInstanceWebhookIntegrationTest extends IntegrationTest {

    @Autowired
    private Outbox outbox;

    @Test
    void two_instances_deliver_each_event_once() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        try (WebhookReceiver receiver = new WebhookReceiver();
                ServiceProcess other = startInstance("webhooks", Map.of("LEDGER_WEBHOOK_ALLOW_PRIVATE", "true",
                        "LEDGER_WEBHOOK_POLL_INTERVAL", "50ms"))) {
            other.awaitHealth(Duration.ofSeconds(180));
            receiver.delay(Duration.ofMillis(20));
            LedgerClient.Response subscribed = adminOf(other.port()).post("/customers/" + customer + "/webhooks",
                    object("url", receiver.url("/both"), "events", List.of("drift.found")));
            assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);

            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                events.add(new Event(EventType.DRIFT_FOUND, customer, Map.of("n", i)));
            }
            outbox.record(events);

            receiver.await("/both", 200, Duration.ofSeconds(60));
            awaitWebhooksSettled(customer);
            List<WebhookReceiver.Received> received = receiver.on("/both");
            assertThat(received).hasSize(200);
            assertThat(received.stream().map(WebhookReceiver.Received::id).distinct()).hasSize(200);
            assertThat(received.stream().map(request -> request.json().get("data").get("n").asInt()).distinct()).hasSize(200);
        }
    }
}
