package dev.storageledger.web.cloudreve;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seed 003 (Cloudreve's GET /user/capacity), reproduced to the byte: a user whose plan gives 2 TiB and whose
 * active storage packs add 1503249039360 bytes, owning assets that total 7946323095 bytes.
 */
class Seed003IntegrationTest extends IntegrationTest {

    private static final long TWO_TIB = 2_199_023_255_552L;
    private static final long ONE_TIB = 1_099_511_627_776L;

    @Test
    void the_seeds_capacity_answer_with_expired_and_future_packs_counting_for_nothing() {
        LedgerClient admin = admin();
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.plan("pro-" + customer, TWO_TIB);
        given.user(customer, "alice", object("password", "correct horse 3", "roles", List.of("originator"), "plan", "pro-" + customer));
        given.user(customer, "bob", object("quota", 1_000_000));

        Instant now = Instant.now();
        given.pack(customer, "alice", "1 TiB", ONE_TIB, now.minus(10, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS));
        given.pack(customer, "alice", "the rest", 403_737_411_584L, now.plus(1, ChronoUnit.DAYS));
        given.pack(customer, "alice", "expired", ONE_TIB, now.minus(60, ChronoUnit.DAYS), now.minus(1, ChronoUnit.HOURS));
        given.pack(customer, "alice", "next month", ONE_TIB, now.plus(1, ChronoUnit.DAYS), now.plus(60, ChronoUnit.DAYS));

        given.asset(customer, 1, "a", object("size", 5_000_000_000L, "thumbnailSize", 1234567, "owner", "alice"));
        given.asset(customer, 1, "b", object("size", 2_945_088_528L, "owner", "alice"));
        given.asset(customer, 1, "bobs", object("size", 999, "thumbnailSize", 1, "owner", "bob"));
        given.asset(customer, 1, "nobodys", object("size", 12345));

        String token = login(Given.email(customer, "alice"), "correct horse 3").get("access_token").stringValue();
        LedgerClient.Response capacity = bearer(token).get("/api/v4/user/capacity");

        assertThat(capacity.status()).isEqualTo(200);
        assertThat(capacity.contentType()).startsWith("application/json");
        assertThat(capacity.body()).isEqualTo(
                "{\"code\":0,\"data\":{\"total\":3702272294912,\"used\":7946323095,\"storage_pack_total\":1503249039360},\"msg\":\"\"}");
        String users = "/customers/" + customer + "/users/";
        assertThat(admin.get(users + "alice/storagePacks").json().get("member").valueStream().map(pack -> pack.get("active").asBoolean()))
                .containsExactlyInAnyOrder(true, true, false, false);
        JsonNode alice = admin.get(users + "alice").json();
        assertThat(alice.has("quota")).as("a user on a plan has no quota of their own: %s", alice).isFalse();
        assertThat(alice.get("capacity").asLong()).isEqualTo(3702272294912L);
        assertThat(alice.get("storagePackTotal").asLong()).isEqualTo(1503249039360L);
        assertThat(alice.get("used").asLong()).isEqualTo(7946323095L);
        assertThat(alice.get("plan").stringValue()).endsWith("/plans/pro-" + customer);
    }
}
