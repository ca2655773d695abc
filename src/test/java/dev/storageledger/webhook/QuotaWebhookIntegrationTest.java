package dev.storageledger.webhook;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Quota crossings announced by the writes that make them, in their own transaction: once per change of a limit's
 * state, whatever the number of concurrent writers, and never by a refused write.
 */
class QuotaWebhookIntegrationTest extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final List<String> QUOTA_EVENTS = List.of("quota.nearing", "quota.critical", "quota.exceeded", "quota.normal");

    private WebhookReceiver receiver;
    private LedgerClient admin;
    private int customer;

    /** A customer of at most 1,000 assets and 10,000 bytes (nearing from 9,000 bytes, critical from 9,900), with a webhook. */
    @BeforeEach
    void aCustomerWithAPolicyOfTenThousandBytesAndAWebhook() throws Exception {
        receiver = new WebhookReceiver();
        admin = admin();
        customer = newCustomerId();
        given.policy("hooks-" + customer, 1_000, 10_000);
        given.customer(customer, "hooks-" + customer);
        given.space(customer, 1);
        given.webhook(customer, receiver.url("/quota"), QUOTA_EVENTS);
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.close();
    }

    private LedgerClient.Response put(String asset, long size) {
        return admin.put("/customers/" + customer + "/spaces/1/images/" + asset, object("size", size));
    }

    @Test
    void concurrent_writers_filling_a_customer_past_90_99_and_100_percent_announce_each_crossing_once_in_order_and_deletes_announce_normal()
            throws Exception {
        // 16 writers put 120 assets of 100 bytes: the 90th makes the customer nearing, the 99th critical, the 100th
        // exceeded; the other 20 are refused.
        AtomicInteger next = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int writer = 0; writer < 16; writer++) {
                running.add(writers.submit(() -> {
                    for (int asset; (asset = next.getAndIncrement()) < 120; ) {
                        int status = put("a" + asset, 100).status();
                        (status == 201 ? created : refused).incrementAndGet();
                        assertThat(status).isIn(201, 507);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : running) {
                writer.get();
            }
        } finally {
            writers.shutdown();
        }
        assertThat(created.get()).isEqualTo(100);
        assertThat(refused.get()).isEqualTo(20);

        List<WebhookReceiver.Received> filled = receiver.await("/quota", 3, PATIENCE);
        awaitWebhooksSettled(customer);
        assertThat(receiver.on("/quota").stream().map(WebhookReceiver.Received::type))
                .containsExactly("quota.nearing", "quota.critical", "quota.exceeded");
        JsonNode nearing = filled.getFirst().json().get("data");
        assertThat(nearing.get("customer").asInt()).isEqualTo(customer);
        assertThat(nearing.get("limit").stringValue()).isEqualTo("totalSizeOfStoredImages");
        assertThat(nearing.get("maximum").asLong()).isEqualTo(10_000);
        assertThat(nearing.get("used").asLong()).isEqualTo(9_000);
        assertThat(nearing.get("fractionUsed").asDouble()).isEqualTo(0.9);
        assertThat(nearing.get("previousState").stringValue()).isEqualTo("normal");
        assertThat(nearing.get("state").stringValue()).isEqualTo("nearing");
        JsonNode exceeded = filled.get(2).json().get("data");
        assertThat(exceeded.get("used").asLong()).isEqualTo(10_000);
        assertThat(exceeded.get("previousState").stringValue()).isEqualTo("critical");

        // One batch deletes 20 assets: from exceeded straight back to normal (8,000 bytes).
        List<ObjectNode> deletions = new ArrayList<>();
        for (int asset = 0; asset < 20; asset++) {
            deletions.add(object("space", 1, "asset", "a" + asset, "deleted", true));
        }
        given.records(customer, deletions);
        List<WebhookReceiver.Received> all = receiver.await("/quota", 4, PATIENCE);
        assertThat(all.get(3).type()).isEqualTo("quota.normal");
        assertThat(all.get(3).json().get("data").get("previousState").stringValue()).isEqualTo("exceeded");
        assertThat(all.get(3).json().get("data").get("used").asLong()).isEqualTo(8_000);
        awaitWebhooksSettled(customer);
        assertThat(receiver.on("/quota")).hasSize(4);
    }

    @Test
    void a_refused_write_announces_nothing_and_neither_does_a_write_that_keeps_the_state() throws Exception {
        assertThat(put("huge", 20_000).status()).isEqualTo(507);
        assertThat(put("small", 100).status()).isEqualTo(201);
        assertThat(put("small", 200).status()).isEqualTo(200);
        assertThat(put("nearly", 9_000).status()).isEqualTo(201); // 9,200 bytes: nearing
        assertThat(put("past", 1_000).status()).isEqualTo(507); // would reach 10,200: refused, still nearing

        List<WebhookReceiver.Received> received = receiver.await("/quota", 1, PATIENCE);
        awaitWebhooksSettled(customer);
        assertThat(receiver.on("/quota").stream().map(WebhookReceiver.Received::type)).containsExactly("quota.nearing");
        assertThat(received.getFirst().json().get("data").get("used").asLong()).isEqualTo(9_200);
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_event WHERE customer = :c").param("c", customer).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void a_users_capacity_and_a_spaces_own_policy_are_announced_with_their_scope() throws Exception {
        given.policy("hooks-space-" + customer, 10, 1_000_000);
        given.space(customer, 2, "hooks-space-" + customer);
        given.user(customer, "u", object("quota", 1_000));
        assertThat(admin.put("/customers/" + customer + "/spaces/2/images/x",
                object("size", 950, "thumbnailSize", 50, "owner", "u")).status()).isEqualTo(201);
        for (int i = 0; i < 9; i++) { // the 9th image of 10 makes the space nearing, the 10th exceeded
            assertThat(admin.put("/customers/" + customer + "/spaces/2/images/y" + i, object("size", 1)).status()).isEqualTo(201);
        }

        receiver.await("/quota", 3, PATIENCE);
        awaitWebhooksSettled(customer);
        List<JsonNode> data = receiver.on("/quota").stream().map(request -> request.json().get("data")).toList();
        assertThat(data).hasSize(3);
        JsonNode user = data.stream().filter(event -> event.has("user")).findFirst().orElseThrow();
        assertThat(user.get("user").stringValue()).isEqualTo("u");
        assertThat(user.get("limit").stringValue()).isEqualTo("used");
        assertThat(user.get("state").stringValue()).isEqualTo("exceeded");
        assertThat(user.get("used").asLong()).isEqualTo(1_000);
        List<JsonNode> space = data.stream().filter(event -> event.has("space")).toList();
        assertThat(space.stream().map(event -> event.get("state").stringValue())).containsExactly("nearing", "exceeded");
        assertThat(space.getLast().get("space").asInt()).isEqualTo(2);
        assertThat(space.getLast().get("limit").stringValue()).isEqualTo("numberOfStoredImages");
        assertThat(space.getLast().get("policy").stringValue()).isEqualTo("hooks-space-" + customer);
        assertThat(space.getLast().get("used").asLong()).isEqualTo(10);
        assertThat(data.stream().filter(event -> !event.has("space") && !event.has("user"))).isEmpty();
    }
}
