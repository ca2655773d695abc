package dev.storageledger.webhook;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import dev.storageledger.support.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Webhook subscriptions over HTTP, and their deliveries to a receiver on 127.0.0.1: signed as Standard Webhooks
 * says, retried after failures with the same id, and listed with every attempt.
 */
class WebhookIntegrationTest extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    private Outbox outbox;

    private WebhookReceiver receiver;
    private LedgerClient admin;
    private int customer;

    @BeforeEach
    void aCustomerAndAReceiver() throws Exception {
        receiver = new WebhookReceiver();
        admin = admin();
        customer = newCustomerId();
        given.customer(customer);
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.close();
    }

    private JsonNode subscribe(String path, String... events) {
        LedgerClient.Response answer = admin.post("/customers/" + customer + "/webhooks",
                object("url", receiver.url(path), "events", List.of(events), "description", "test"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    /** Standard Webhooks' verification, written from its specification. */
    private static String expectedSignature(String secret, WebhookReceiver.Received received) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signed = received.id() + "." + received.timestamp() + "." + received.body();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_webhook_is_made_with_a_secret_shown_once_then_listed_read_and_deleted() {
        JsonNode made = subscribe("/a", "drift.found", "quota.exceeded");
        String id = made.get("id").stringValue();
        assertThat(made.get("@id").stringValue()).endsWith("/customers/" + customer + "/webhooks/" + id);
        assertThat(made.get("url").stringValue()).isEqualTo(receiver.url("/a"));
        assertThat(made.get("events").values().stream().map(JsonNode::stringValue)).containsExactly("drift.found", "quota.exceeded");
        String secret = made.get("secret").stringValue();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);

        LedgerClient.Response read = admin.get("/customers/" + customer + "/webhooks/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().has("secret")).isFalse();
        assertThat(read.json().get("description").stringValue()).isEqualTo("test");
        JsonNode list = admin.get("/customers/" + customer + "/webhooks").json();
        assertThat(list.get("totalItems").asLong()).isEqualTo(1);
        assertThat(list.get("member").get(0).get("id").stringValue()).isEqualTo(id);
        assertThat(list.get("member").get(0).has("secret")).isFalse();
        assertThat(list.toString()).doesNotContain(secret.substring(6));
        byte[] stored = jdbc.sql("SELECT sealed_secret FROM webhook_subscription WHERE id = :id").param("id", id).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6));

        assertThat(admin.delete("/customers/" + customer + "/webhooks/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/customers/" + customer + "/webhooks/" + id).status()).isEqualTo(404);
        assertThat(admin.delete("/customers/" + customer + "/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void a_bad_url_or_event_is_refused_naming_it() {
        LedgerClient.Response badEvent = admin.post("/customers/" + customer + "/webhooks",
                object("url", receiver.url("/b"), "events", List.of("drift.found", "quota.full")));
        assertThat(badEvent.status()).isEqualTo(400);
        assertThat(badEvent.body()).contains("events[1]").contains("quota.full");

        LedgerClient.Response relative = admin.post("/customers/" + customer + "/webhooks",
                object("url", "/hooks", "events", List.of("drift.found")));
        assertThat(relative.status()).isEqualTo(400);
        assertThat(relative.body()).contains("url").contains("absolute http or https");

        LedgerClient.Response ftp = admin.post("/customers/" + customer + "/webhooks",
                object("url", "ftp://example.com/x", "events", List.of("drift.found")));
        assertThat(ftp.status()).isEqualTo(400);

        LedgerClient.Response none = admin.post("/customers/" + customer + "/webhooks", object("url", receiver.url("/b"), "events", List.of()));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("events");

        LedgerClient.Response missing = admin.post("/customers/" + customer + "/webhooks", object("events", List.of("drift.found")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("url");

        LedgerClient.Response unknownCustomer = admin.post("/customers/" + newCustomerId() + "/webhooks",
                object("url", receiver.url("/b"), "events", List.of("drift.found")));
        assertThat(unknownCustomer.status()).isEqualTo(404);
    }

    @Test
    void a_customer_has_at_most_25_webhooks() {
        for (int i = 0; i < 25; i++) {
            subscribe("/many", "drift.found");
        }
        LedgerClient.Response refused = admin.post("/customers/" + customer + "/webhooks",
                object("url", receiver.url("/many"), "events", List.of("drift.found")));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("25");
    }

    @Test
    void a_customers_key_manages_its_own_webhooks_only_and_not_every_customers() {
        JsonNode issued = admin.post("/customers/" + customer + "/keys", null).json();
        LedgerClient key = as(issued.get("key").stringValue(), issued.get("secret").stringValue());
        int other = newCustomerId();
        given.customer(other);
        Map<String, Object> body = Map.of("url", receiver.url("/k"), "events", List.of("drift.found"));
        LedgerClient.Response own = key.post("/customers/" + customer + "/webhooks", object("url", body.get("url"), "events", body.get("events")));
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(key.get("/customers/" + customer + "/webhooks").status()).isEqualTo(200);
        assertThat(key.post("/customers/" + other + "/webhooks", object("url", body.get("url"), "events", body.get("events"))).status())
                .isEqualTo(403);
        assertThat(key.post("/webhooks", object("url", body.get("url"), "events", body.get("events"))).status()).isEqualTo(403);
        assertThat(key.get("/webhooks").status()).isEqualTo(403);
        assertThat(key.delete("/customers/" + customer + "/webhooks/" + own.json().get("id").stringValue()).status()).isEqualTo(204);
    }

    @Test
    void an_event_is_delivered_signed_as_standard_webhooks_says_to_its_customers_and_every_customers_webhooks() throws Exception {
        String secret = subscribe("/signed", "drift.found").get("secret").stringValue();
        subscribe("/other-events", "quota.exceeded");
        LedgerClient.Response everyCustomer = admin.post("/webhooks", object("url", receiver.url("/all"), "events", List.of("drift.found")));
        assertThat(everyCustomer.status()).as(everyCustomer.body()).isEqualTo(201);
        int other = newCustomerId();
        given.customer(other);

        outbox.record(List.of(new Event(EventType.DRIFT_FOUND, customer, Map.of("scope", "space 1"))));
        outbox.record(List.of(new Event(EventType.DRIFT_FOUND, other, Map.of("scope", "space 2"))));

        WebhookReceiver.Received received = receiver.await("/signed", 1, PATIENCE).getFirst();
        assertThat(received.signature()).isEqualTo(expectedSignature(secret, received));
        assertThat(received.id()).startsWith("msg_");
        assertThat(Long.parseLong(received.timestamp())).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        JsonNode body = received.json();
        assertThat(body.get("type").stringValue()).isEqualTo("drift.found");
        assertThat(body.get("timestamp").stringValue()).isNotBlank();
        assertThat(body.get("data").get("customer").asInt()).isEqualTo(customer);
        assertThat(body.get("data").get("scope").stringValue()).isEqualTo("space 1");

        List<WebhookReceiver.Received> all = receiver.await("/all", 2, PATIENCE);
        assertThat(all.stream().map(request -> request.json().get("data").get("customer").asInt())).contains(customer, other);
        awaitWebhooksSettled(customer);
        awaitWebhooksSettled(other);
        assertThat(receiver.on("/other-events")).isEmpty();
        assertThat(receiver.on("/signed")).hasSize(1);
        admin.delete("/webhooks/" + everyCustomer.json().get("id").stringValue());
    }

    @Test
    void a_receiver_that_fails_twice_gets_the_event_a_third_time_with_the_same_id_and_every_attempt_is_listed() throws Exception {
        JsonNode made = subscribe("/flaky", "reconciliation.finished");
        String id = made.get("id").stringValue();
        receiver.failFirst("/flaky", 2);
        double events = meter("ledger_webhook_events_total{type=\"reconciliation.finished\"}");
        double retrying = meter("ledger_webhook_deliveries_total{outcome=\"retrying\"}");
        double delivered = meter("ledger_webhook_deliveries_total{outcome=\"delivered\"}");

        outbox.record(List.of(new Event(EventType.RECONCILIATION_FINISHED, customer, Map.of("job", "j1"))));

        List<WebhookReceiver.Received> attempts = receiver.await("/flaky", 3, PATIENCE);
        assertThat(attempts).hasSize(3);
        assertThat(attempts.stream().map(WebhookReceiver.Received::id).distinct()).hasSize(1);
        assertThat(attempts.stream().map(WebhookReceiver.Received::body).distinct()).hasSize(1);
        for (WebhookReceiver.Received attempt : attempts) {
            assertThat(attempt.signature()).isEqualTo(expectedSignature(made.get("secret").stringValue(), attempt));
        }

        JsonNode deliveries = Poll.until(() -> admin.get("/customers/" + customer + "/webhooks/" + id + "/deliveries").json(),
                page -> page.get("member").size() == 1 && !page.get("member").get(0).get("deliveredAt").isNull(), PATIENCE);
        JsonNode delivery = deliveries.get("member").get(0);
        assertThat(deliveries.get("totalItems").asLong()).isEqualTo(1);
        assertThat(delivery.get("event").stringValue()).isEqualTo(attempts.getFirst().id());
        assertThat(delivery.get("eventType").stringValue()).isEqualTo("reconciliation.finished");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("lastStatus").asInt()).isEqualTo(204);
        assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();
        assertThat(delivery.get("attemptLog").values().stream().map(attempt -> attempt.get("status").asInt())).containsExactly(500, 500, 204);
        assertThat(meter("ledger_webhook_events_total{type=\"reconciliation.finished\"}")).isEqualTo(events + 1);
        assertThat(meter("ledger_webhook_deliveries_total{outcome=\"retrying\"}")).isGreaterThanOrEqualTo(retrying + 2);
        assertThat(meter("ledger_webhook_deliveries_total{outcome=\"delivered\"}")).isGreaterThanOrEqualTo(delivered + 1);
    }

    private double meter(String series) {
        return admin.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no series " + series));
    }

    @Test
    void an_event_still_failing_when_its_retries_run_out_is_given_up() throws Exception {
        String id = subscribe("/down", "drift.found").get("id").stringValue();
        receiver.failFirst("/down", 1_000);
        double givenUp = meter("ledger_webhook_deliveries_total{outcome=\"given_up\"}");

        outbox.record(List.of(new Event(EventType.DRIFT_FOUND, customer, Map.of("old", true))));
        // As if it had been made four days ago: past LEDGER_WEBHOOK_RETRY_FOR (3 days).
        jdbc.sql("UPDATE webhook_event SET created_at = now() - interval '4 days' WHERE customer = :c").param("c", customer).update();

        JsonNode delivery = Poll.until(() -> admin.get("/customers/" + customer + "/webhooks/" + id + "/deliveries").json().get("member"),
                member -> member.size() == 1 && !member.get(0).get("givenUpAt").isNull(), PATIENCE).get(0);
        assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();
        assertThat(delivery.get("deliveredAt").isNull()).isTrue();
        assertThat(delivery.get("lastStatus").asInt()).isEqualTo(500);
        // Given up: no next attempt is due (the worker claims only due ones), and every attempt made is recorded.
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_attempt a JOIN webhook_delivery d ON d.id = a.delivery"
                        + " JOIN webhook_event e ON e.seq = d.event WHERE e.customer = :c").param("c", customer)
                .query(Integer.class).single()).isEqualTo(receiver.on("/down").size());
        assertThat(meter("ledger_webhook_deliveries_total{outcome=\"given_up\"}")).isEqualTo(givenUp + 1);
    }

    @Test
    void deliveries_are_listed_newest_first_in_pages() throws Exception {
        String id = subscribe("/paged", "drift.found").get("id").stringValue();
        for (int i = 0; i < 3; i++) {
            outbox.record(List.of(new Event(EventType.DRIFT_FOUND, customer, Map.of("n", i))));
        }
        receiver.await("/paged", 3, PATIENCE);
        JsonNode first = admin.get("/customers/" + customer + "/webhooks/" + id + "/deliveries?page=1&pageSize=2").json();
        assertThat(first.get("totalItems").asLong()).isEqualTo(3);
        assertThat(first.get("member")).hasSize(2);
        assertThat(first.get("view").get("next").stringValue()).contains("page=2");
        JsonNode second = admin.get("/customers/" + customer + "/webhooks/" + id + "/deliveries?page=2&pageSize=2").json();
        assertThat(second.get("member")).hasSize(1);
        List<String> events = receiver.on("/paged").stream().map(WebhookReceiver.Received::id).toList();
        assertThat(second.get("member").get(0).get("event").stringValue()).isEqualTo(events.getFirst());
        assertThat(first.get("member").get(0).get("event").stringValue()).isEqualTo(events.getLast());
        assertThat(admin.get("/customers/" + customer + "/webhooks/" + id + "/deliveries?pageSize=0").status()).isEqualTo(400);
    }
}
