package dev.storageledger.quota;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Quota states of each limit of a customer, a space and a user as writes and reservations fill them, and the forecast
 * of a scope growing linearly (the tests' history step is one second, their forecast window 30 seconds).
 */
class QuotaIntegrationTest extends IntegrationTest {

    private LedgerClient admin;
    private int customer;
    private String policy;

    @BeforeEach
    void aCustomerWithAPolicyOfTenImagesAndTenThousandBytes() {
        admin = admin();
        customer = newCustomerId();
        policy = "quota-" + customer;
        given.policy(policy, 10, 10_000);
        given.customer(customer, policy);
        given.space(customer, 1);
    }

    private LedgerClient.Response put(int space, String asset, long size) {
        return admin.put("/customers/" + customer + "/spaces/" + space + "/images/" + asset, object("size", size));
    }

    private JsonNode quota(String scope) {
        LedgerClient.Response answer = admin.get(scope + "/quota");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode limit(JsonNode quota, String name) {
        for (JsonNode limit : quota.get("limits")) {
            if (limit.get("limit").asString().equals(name)) {
                return limit;
            }
        }
        throw new AssertionError("no limit " + name + " in " + quota);
    }

    @Test
    void each_limit_of_a_customer_moves_from_normal_to_nearing_critical_and_exceeded_and_the_worst_is_the_customers() {
        String scope = "/customers/" + customer;
        assertThat(quota(scope).get("state").asString()).isEqualTo("normal");

        put(1, "a", 9_000);
        JsonNode nearing = quota(scope);
        assertThat(nearing.get("@type").asString()).isEqualTo("vocab:Quota");
        assertThat(nearing.get("state").asString()).isEqualTo("nearing");
        JsonNode size = limit(nearing, "totalSizeOfStoredImages");
        assertThat(size.get("source").asString()).endsWith("/storagePolicies/" + policy);
        assertThat(size.get("maximum").asLong()).isEqualTo(10_000);
        assertThat(size.get("used").asLong()).isEqualTo(9_000);
        assertThat(size.get("remaining").asLong()).isEqualTo(1_000);
        assertThat(size.get("fractionUsed").asDouble()).isEqualTo(0.9);
        assertThat(limit(nearing, "numberOfStoredImages").get("state").asString()).isEqualTo("normal");

        put(1, "a", 9_950);
        assertThat(quota(scope).get("state").asString()).isEqualTo("critical");

        LedgerClient.Response reservation = admin.post("/customers/" + customer + "/reservations",
                object("space", 1, "size", 50, "count", 1, "ttlSeconds", 600));
        assertThat(reservation.status()).as(reservation.body()).isEqualTo(201);
        JsonNode exceeded = quota(scope);
        assertThat(exceeded.get("state").asString()).isEqualTo("exceeded");
        assertThat(limit(exceeded, "totalSizeOfStoredImages").get("reserved").asLong()).isEqualTo(50);
        assertThat(limit(exceeded, "totalSizeOfStoredImages").get("remaining").asLong()).isZero();

        admin.delete("/customers/" + customer + "/spaces/1/images/a");
        assertThat(quota(scope).get("state").asString()).isEqualTo("normal");
    }

    @Test
    void a_space_has_the_limits_of_its_own_policy_only_and_a_user_their_capacity() {
        assertThat(quota("/customers/" + customer + "/spaces/1").get("limits")).isEmpty();
        given.policy(policy + "-space", 2, 1_000_000);
        given.space(customer, 2, policy + "-space");
        put(2, "x", 10);
        put(2, "y", 10);
        JsonNode space = quota("/customers/" + customer + "/spaces/2");
        assertThat(space.get("state").asString()).isEqualTo("exceeded");
        assertThat(limit(space, "numberOfStoredImages").get("source").asString()).endsWith("/storagePolicies/" + policy + "-space");

        given.user(customer, "u", object("quota", 1_000));
        admin.put("/customers/" + customer + "/spaces/1/images/owned", object("size", 900, "thumbnailSize", 50, "owner", "u"));
        JsonNode user = quota("/customers/" + customer + "/users/u");
        JsonNode used = limit(user, "used");
        assertThat(used.get("source").asString()).endsWith("/customers/" + customer + "/users/u");
        assertThat(used.get("used").asLong()).isEqualTo(950);
        assertThat(used.get("state").asString()).isEqualTo("nearing");
        assertThat(user.get("state").asString()).isEqualTo("nearing");
        assertThat(admin.get("/customers/" + customer + "/users/nobody/quota").status()).isEqualTo(404);
    }

    @Test
    void a_scope_growing_linearly_is_forecast_full_within_one_step_of_its_lines_instant() throws Exception {
        customer = newCustomerId(); // under the default policy: only the space's own limits this one
        given.customer(customer);
        given.policy(policy + "-growth", 1_000, 4_000);
        given.space(customer, 3, policy + "-growth");
        List<Instant> writes = new ArrayList<>();
        Instant start = clock.instant();
        for (int i = 0; i < 32; i++) {
            clock.movePast(start.plusMillis(250L * i));
            assertThat(put(3, "g" + i, 100).status()).isEqualTo(201);
            writes.add(jdbc.sql("SELECT integrated_at FROM space WHERE customer = :customer AND id = 3")
                    .param("customer", customer).query(Timestamp.class).single().toInstant());
        }
        // The line through the writes (value 100 (i + 1) at write i) meets 4,000 bytes at the instant it gives:
        Instant expected = lineReaches(writes, 4_000);

        JsonNode size = limit(quota("/customers/" + customer + "/spaces/3"), "totalSizeOfStoredImages");
        Instant forecast = Instant.parse(size.get("forecastFull").asString());
        assertThat(Duration.between(expected, forecast).abs()).as("forecast %s, the writes' line %s", forecast, expected)
                .isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    private static Instant lineReaches(List<Instant> writes, long maximum) {
        Instant origin = writes.getFirst();
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < writes.size(); i++) {
            meanX += ChronoUnit.MICROS.between(origin, writes.get(i)) / 1e6;
            meanY += 100.0 * (i + 1);
        }
        meanX /= writes.size();
        meanY /= writes.size();
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < writes.size(); i++) {
            double dx = ChronoUnit.MICROS.between(origin, writes.get(i)) / 1e6 - meanX;
            covariance += dx * (100.0 * (i + 1) - meanY);
            variance += dx * dx;
        }
        double seconds = meanX + (maximum - meanY) / (covariance / variance);
        return origin.plusNanos((long) (seconds * 1e9));
    }
}
