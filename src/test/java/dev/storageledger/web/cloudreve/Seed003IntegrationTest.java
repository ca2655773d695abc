package dev.storageledger.web.cloudreve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seed 003 (Cloudreve's GET /user/capacity), reproduced to the byte: a user whose plan gives 2 TiB and whose
 * active storage packs add 1503249039360 bytes, owning assets that total 7946323095 bytes.
 */
class Seed003IntegrationTest extends IntegrationTest {

    private static final long TWO_TIB = 2_199_023_255_552L;

    @Test
    void the_seeds_capacity_answer_with_expired_and_future_packs_counting_for_nothing() {
        LedgerClient admin = admin();
        int customer = newCustomerId();
        admin.put("/customers/" + customer, "{\"name\": \"cloudreve\"}");
        admin.put("/customers/" + customer + "/spaces/1", "{\"name\": \"files\"}");
        admin.put("/plans/pro-" + customer, "{\"name\": \"Pro\", \"capacity\": " + TWO_TIB + "}");
        String email = "alice-" + customer + "@example.com";
        String users = "/customers/" + customer + "/users/";
        assertThat(admin.put(users + "alice", "{\"name\": \"Alice\", \"email\": \"" + email + "\", \"password\": \"correct horse 3\","
                + " \"roles\": [\"originator\"], \"plan\": \"pro-" + customer + "\"}").status()).isEqualTo(201);
        admin.put(users + "bob", "{\"name\": \"Bob\", \"email\": \"bob-" + customer + "@example.com\", \"quota\": 1000000}");

        Instant now = Instant.now();
        String packs = users + "alice/storagePacks";
        assertThat(admin.post(packs, "{\"name\": \"1 TiB\", \"size\": 1099511627776, \"activeFrom\": \""
                + now.minus(10, ChronoUnit.DAYS) + "\", \"expiresAt\": \"" + now.plus(30, ChronoUnit.DAYS) + "\"}").status())
                .isEqualTo(201);
        admin.post(packs, "{\"name\": \"the rest\", \"size\": 403737411584, \"expiresAt\": \"" + now.plus(1, ChronoUnit.DAYS) + "\"}");
        admin.post(packs, "{\"name\": \"expired\", \"size\": 1099511627776, \"activeFrom\": \"" + now.minus(60, ChronoUnit.DAYS)
                + "\", \"expiresAt\": \"" + now.minus(1, ChronoUnit.HOURS) + "\"}");
        admin.post(packs, "{\"name\": \"next month\", \"size\": 1099511627776, \"activeFrom\": \"" + now.plus(1, ChronoUnit.DAYS)
                + "\", \"expiresAt\": \"" + now.plus(60, ChronoUnit.DAYS) + "\"}");

        String images = "/customers/" + customer + "/spaces/1/images/";
        admin.put(images + "a", "{\"size\": 5000000000, \"thumbnailSize\": 1234567, \"owner\": \"alice\"}");
        admin.put(images + "b", "{\"size\": 2945088528, \"owner\": \"alice\"}");
        admin.put(images + "bobs", "{\"size\": 999, \"thumbnailSize\": 1, \"owner\": \"bob\"}");
        admin.put(images + "nobodys", "{\"size\": 12345}");

        String token = login(email, "correct horse 3").get("access_token").stringValue();
        LedgerClient.Response capacity = bearer(token).get("/api/v4/user/capacity");

        assertThat(capacity.status()).isEqualTo(200);
        assertThat(capacity.contentType()).startsWith("application/json");
        assertThat(capacity.body()).isEqualTo(
                "{\"code\":0,\"data\":{\"total\":3702272294912,\"used\":7946323095,\"storage_pack_total\":1503249039360},\"msg\":\"\"}");
        assertThat(admin.get(packs).json().get("member").valueStream().map(pack -> pack.get("active").asBoolean()))
                .containsExactlyInAnyOrder(true, true, false, false);
        JsonNode alice = admin.get(users + "alice").json();
        assertThat(alice.has("quota")).as("a user on a plan has no quota of their own: %s", alice).isFalse();
        assertThat(alice.get("capacity").asLong()).isEqualTo(3702272294912L);
        assertThat(alice.get("storagePackTotal").asLong()).isEqualTo(1503249039360L);
        assertThat(alice.get("used").asLong()).isEqualTo(7946323095L);
        assertThat(alice.get("plan").stringValue()).endsWith("/plans/pro-" + customer);
    }
}
