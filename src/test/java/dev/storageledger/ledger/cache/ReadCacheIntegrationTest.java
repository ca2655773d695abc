package dev.storageledger.ledger.cache;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import dev.storageledger.support.ServiceProcess;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Reads from memory on two instances of one database (this test's and another process): never older than a write
 * acknowledged before them, whichever instance took the write; a revoked key and a deleted user refused at once on
 * both; and the listening connection dropped and restored without a lost invalidation.
 */
class ReadCacheIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "s3cret-enough";
    private static ServiceProcess other;

    @Autowired
    private MeterRegistry meters;

    private int customer;
    private LedgerClient here;
    private LedgerClient there;

    @BeforeAll
    static void anotherInstance() throws Exception {
        other = startInstance("read-cache").awaitHealth(Duration.ofSeconds(180));
    }

    @AfterAll
    static void stopTheOtherInstance() throws Exception {
        other.close();
    }

    @BeforeEach
    void aCustomerWithASpace() throws Exception {
        customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        here = admin();
        there = adminOf(other.port());
        awaitListeners(2);
    }

    @Test
    void every_read_after_a_write_acknowledged_on_either_instance_sees_it() {
        Map<String, Long> sizes = new HashMap<>();
        double fromMemoryBefore = fromMemory();
        for (int i = 1; i <= 60; i++) {
            boolean writeThere = i % 2 == 0;
            LedgerClient writer = writeThere ? there : here;
            LedgerClient reader = writeThere ? here : there;
            String asset = "a" + (i % 7);
            long size = 1000L * i;
            int status = writer.put(imagePath(asset), object("size", size, "thumbnailSize", i)).status();
            assertThat(status).isIn(200, 201);
            sizes.put(asset, size);
            long total = sizes.values().stream().mapToLong(Long::longValue).sum();

            // Read twice on the other instance than the writer's: the second answer comes from its memory.
            for (int read = 0; read < 2; read++) {
                assertThat(storage(reader, "/customers/" + customer + "/storage").get("totalSizeOfStoredImages").asLong())
                        .as("customer total read on the instance that did not take write %d", i).isEqualTo(total);
                assertThat(storage(reader, "/customers/" + customer + "/spaces/1/storage").get("numberOfStoredImages").asLong())
                        .isEqualTo(sizes.size());
                JsonNode image = storage(reader, imagePath(asset) + "/storage");
                assertThat(image.get("size").asLong()).isEqualTo(size);
                assertThat(image.get("thumbnailSize").asLong()).isEqualTo(i);
            }
            // And on the writer's own instance.
            assertThat(storage(writer, "/customers/" + customer + "/storage").get("totalSizeOfStoredImages").asLong()).isEqualTo(total);
        }
        // This instance read 30 times after a write elsewhere: each second read of three figures answered from memory.
        assertThat(fromMemory() - fromMemoryBefore).isGreaterThanOrEqualTo(90);
    }

    @Test
    void a_request_that_only_reads_waits_for_one_fence_for_its_key_and_its_figures() {
        JsonNode issued = here.post("/customers/" + customer + "/keys", null).json();
        LedgerClient caller = as(issued.get("key").asString(), issued.get("secret").asString());
        int requests = 20;
        double before = fences();
        for (int i = 0; i < requests; i++) {
            storage(caller, "/customers/" + customer + "/spaces/1/storage");
        }
        // Two reads each (the key, the figures), the second behind the first one's fence: one wait per request, not two.
        assertThat(fences() - before).isBetween((double) requests, requests * 1.5);
    }

    @Test
    void a_change_made_in_the_database_itself_is_seen_at_once() {
        given.policy("cache-test", 10, 10);
        storage(here, "/customers/" + customer + "/storage");
        storage(here, "/customers/" + customer + "/storage");
        jdbc.sql("UPDATE customer SET storage_policy = 'cache-test' WHERE id = :customer").param("customer", customer).update();

        assertThat(storage(here, "/customers/" + customer + "/storage").get("storagePolicy").asString()).endsWith("/cache-test");
    }

    @Test
    void a_revoked_key_is_refused_at_once_on_both_instances() {
        JsonNode issued = here.post("/customers/" + customer + "/keys", null).json();
        String key = issued.get("key").asString();
        String secret = issued.get("secret").asString();
        List<LedgerClient> callers = List.of(as(key, secret), LedgerClient.basic(other.port(), key, secret));
        for (LedgerClient caller : callers) {
            for (int read = 0; read < 3; read++) {
                assertThat(caller.get("/customers/" + customer + "/storage").status()).isEqualTo(200);
            }
        }

        assertThat(there.delete(URI.create(issued.get("@id").asString()).getPath()).status()).isEqualTo(204);

        for (LedgerClient caller : callers) {
            assertThat(caller.get("/customers/" + customer + "/storage").status()).isEqualTo(401);
        }
    }

    @Test
    void a_deleted_user_is_refused_at_once_on_both_instances() {
        String email = "reader-" + customer + "@example.com";
        assertThat(here.put("/customers/" + customer + "/users/reader", object("name", "reader", "email", email,
                "password", PASSWORD, "roles", List.of("originator"), "quota", 1000)).status()).isEqualTo(201);
        String token = login(email, PASSWORD).get("access_token").asString();
        List<LedgerClient> callers = List.of(bearer(token), LedgerClient.bearer(other.port(), token));
        for (LedgerClient caller : callers) {
            for (int read = 0; read < 3; read++) {
                assertThat(caller.get("/api/v4/user/capacity").json().get("code").asInt()).isZero();
            }
        }

        assertThat(there.delete("/customers/" + customer + "/users/reader").status()).isEqualTo(204);

        for (LedgerClient caller : callers) {
            assertThat(caller.get("/api/v4/user/capacity").json().get("code").asInt()).isEqualTo(401);
        }
    }

    @Test
    void the_listening_connection_dropped_and_restored_loses_no_invalidation() throws Exception {
        String path = "/customers/" + customer + "/spaces/1/storage";
        assertThat(there.put(imagePath("x"), object("size", 100)).status()).isEqualTo(201);
        storage(here, path);
        storage(here, path);

        // Both instances' listeners are cut; writes go on on the other instance while they are down.
        int cut = jdbc.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :name")
                .param("name", ChangeNotices.APPLICATION_NAME).query(Integer.class).single();
        assertThat(cut).isGreaterThanOrEqualTo(2);
        for (long size = 200; size <= 1000; size += 100) {
            assertThat(there.put(imagePath("x"), object("size", size)).status()).isEqualTo(200);
            assertThat(storage(here, path).get("totalSizeOfStoredImages").asLong()).isEqualTo(size);
        }

        // Back (a read answered from memory again): what this instance kept before the cut, whose change notices it
        // never received, is never answered.
        Poll.until(() -> {
            double fromMemoryBefore = fromMemory();
            assertThat(storage(here, path).get("totalSizeOfStoredImages").asLong()).isEqualTo(1000);
            return fromMemory() > fromMemoryBefore;
        }, Duration.ofSeconds(30));
        assertThat(there.put(imagePath("x"), object("size", 1100)).status()).isEqualTo(200);
        assertThat(storage(here, path).get("totalSizeOfStoredImages").asLong()).isEqualTo(1100);
    }

    private String imagePath(String asset) {
        return "/customers/" + customer + "/spaces/1/images/" + asset;
    }

    private static JsonNode storage(LedgerClient client, String path) {
        LedgerClient.Response response = client.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private double fences() {
        return meters.counter("ledger.read.cache.fences").count();
    }

    private double fromMemory() {
        return meters.counter("ledger.read.cache", "answer", "memory").count();
    }

    /** Waits until this many instances listen to the change notices (and have caught up: a fence answers). */
    private void awaitListeners(int instances) throws Exception {
        Poll.until(() -> jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name")
                .param("name", ChangeNotices.APPLICATION_NAME).query(Integer.class).single() >= instances, Duration.ofSeconds(30));
    }
}
