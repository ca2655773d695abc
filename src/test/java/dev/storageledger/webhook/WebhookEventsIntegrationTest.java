package dev.storageledger.webhook;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import dev.storageledger.support.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The events that jobs and the scan of packs produce, as a receiver gets them: drift.found from a recalculation that
 * finds drift, pack.expiring and pack.expired once per pack (the tests' scan runs every second).
 */
class WebhookEventsIntegrationTest extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private WebhookReceiver receiver;
    private LedgerClient admin;
    private int customer;

    @BeforeEach
    void aCustomerAndAReceiver() throws Exception {
        receiver = new WebhookReceiver();
        admin = admin();
        customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
    }

    @AfterEach
    void stopTheReceiver() {
        receiver.close();
    }

    @Test
    void a_recalculation_that_finds_drift_announces_each_drifted_scope_and_one_that_finds_none_announces_nothing() throws Exception {
        given.webhook(customer, receiver.url("/drift"), List.of("drift.found"));
        given.asset(customer, 1, "a", object("size", 100));
        jdbc.sql("UPDATE space SET total_size_of_stored_images = total_size_of_stored_images + 500 WHERE customer = :c AND id = 1")
                .param("c", customer).update();

        recalculate();

        List<WebhookReceiver.Received> received = receiver.await("/drift", 1, PATIENCE);
        JsonNode data = received.getFirst().json().get("data");
        assertThat(received.getFirst().type()).isEqualTo("drift.found");
        assertThat(data.get("customer").asInt()).isEqualTo(customer);
        assertThat(data.get("space").asInt()).isEqualTo(1);
        assertThat(data.get("totalSizeOfStoredImages").asLong()).isEqualTo(500);
        assertThat(data.get("job").stringValue()).isNotBlank();

        recalculate();
        awaitWebhooksSettled(customer);
        assertThat(receiver.on("/drift")).hasSize(1);
    }

    private void recalculate() throws Exception {
        LedgerClient.Response started = admin.post("/customers/" + customer + "/storage/recalculations", null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        String path = location.substring(location.indexOf("/", "http://".length()));
        Poll.until(() -> admin.get(path).json(), job -> job.get("state").asString().equals("succeeded"), PATIENCE);
    }

    @Test
    void a_pack_is_announced_once_as_expiring_within_the_notice_and_once_as_expired() throws Exception {
        given.webhook(customer, receiver.url("/packs"), List.of("pack.expiring", "pack.expired"));
        given.user(customer, "u", object("quota", 1_000));
        Instant expiry = clock.instant().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        given.pack(customer, "u", "soon", 500, expiry);
        given.pack(customer, "u", "later", 500, Instant.now().plus(Duration.ofDays(30)));

        List<WebhookReceiver.Received> expiring = receiver.await("/packs", 1, PATIENCE);
        assertThat(expiring.getFirst().type()).isEqualTo("pack.expiring");
        JsonNode data = expiring.getFirst().json().get("data");
        assertThat(data.get("customer").asInt()).isEqualTo(customer);
        assertThat(data.get("user").stringValue()).isEqualTo("u");
        assertThat(data.get("name").stringValue()).isEqualTo("soon");
        assertThat(data.get("size").asLong()).isEqualTo(500);
        assertThat(Instant.parse(data.get("expiresAt").stringValue())).isEqualTo(expiry);

        // Announced as expired only once the clock has passed its expiry, not before.
        assertThat(receiver.on("/packs")).hasSize(1);
        clock.movePast(expiry);
        List<WebhookReceiver.Received> both = receiver.await("/packs", 2, PATIENCE);
        assertThat(both.get(1).type()).isEqualTo("pack.expired");
        assertThat(both.get(1).json().get("data").get("name").stringValue()).isEqualTo("soon");
        // Each announcement is marked on its pack in the scan's transaction, so no later scan announces it again; the
        // pack 30 days away is not announced at all.
        assertThat(jdbc.sql("SELECT name || ' ' || expiring_announced || ' ' || expired_announced FROM storage_pack"
                        + " WHERE customer = :c ORDER BY name").param("c", customer).query(String.class).list())
                .containsExactly("later false false", "soon true true");
        awaitWebhooksSettled(customer);
        assertThat(receiver.on("/packs")).hasSize(2);
    }
}
