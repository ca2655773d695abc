package dev.storageledger.security;

import static dev.storageledger.support.Json.array;
import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.Json;
import dev.storageledger.support.LedgerClient;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint, called by nobody, by a key of customer A, by a key of customer B and by the administrator,
 * answers the statuses of api.md "Authentication and roles": reads need a key, a customer's key reaches only its
 * own customer and manages only its own keys, users and packs, and only the administrator writes the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIntegrationTest extends IntegrationTest {

    private static final String JSON = "application/json";
    private int customerA;
    private LedgerClient keyOfA;
    private LedgerClient keyOfB;

    @BeforeAll
    void twoCustomersWithAKeyEach() {
        LedgerClient admin = admin();
        customerA = newCustomerId();
        int customerB = newCustomerId();
        for (int customer : List.of(customerA, customerB)) {
            given.customer(customer);
            given.space(customer, 1);
            given.asset(customer, 1, "a1", object("size", 10));
        }
        given.policy("matrix", 10, 10);
        given.plan("matrix", 10);
        given.user(customerA, "member");
        keyOfA = client(admin.post("/customers/" + customerA + "/keys", null).json());
        keyOfB = client(admin.post("/customers/" + customerB + "/keys", null).json());
    }

    private LedgerClient client(JsonNode issued) {
        return as(issued.get("key").stringValue(), issued.get("secret").stringValue());
    }

    /** Method, path ({A} is customer A, in the body too), body, then the statuses for: nobody, A's key, B's key, the administrator. */
    static Stream<Arguments> endpoints() {
        JsonNode space = object("name", "one");
        JsonNode record = object("size", 10);
        return Stream.of(
                row("GET", "/customers/{A}", null, 401, 200, 403, 200),
                row("PUT", "/customers/{A}", object("name", "renamed"), 401, 403, 403, 200),
                row("GET", "/customers/{A}/storage", null, 401, 200, 403, 200),
                row("GET", "/customers/{A}/spaces/1", null, 401, 200, 403, 200),
                row("PUT", "/customers/{A}/spaces/1", space, 401, 403, 403, 200),
                row("DELETE", "/customers/{A}/spaces/9", null, 401, 403, 403, 404),
                row("GET", "/customers/{A}/spaces/1/storage", null, 401, 200, 403, 200),
                row("GET", "/customers/{A}/spaces/1/images/a1/storage", null, 401, 200, 403, 200),
                row("PUT", "/customers/{A}/spaces/1/images/a1", record, 401, 403, 403, 200),
                row("DELETE", "/customers/{A}/spaces/1/images/absent", null, 401, 403, 403, 404),
                row("POST", "/customers/{A}/storageRecords", object("records", array()), 401, 403, 403, 200),
                row("GET", "/customers/{A}/storagePolicy/default", null, 401, 200, 403, 200),
                row("POST", "/customers/{A}/keys", null, 401, 201, 403, 201),
                row("GET", "/customers/{A}/keys", null, 401, 200, 403, 200),
                row("DELETE", "/customers/{A}/keys/absent", null, 401, 404, 403, 404),
                row("PUT", "/customers/{A}/users/u1", object("name", "u", "email", "u1-{A}@example.com"), 401, 201, 403, 200),
                row("GET", "/customers/{A}/users/member", null, 401, 200, 403, 200),
                row("DELETE", "/customers/{A}/users/absent", null, 401, 404, 403, 404),
                row("POST", "/customers/{A}/users/member/storagePacks",
                        object("name", "p", "size", 1, "expiresAt", "2100-01-01T00:00:00Z"), 401, 201, 403, 201),
                row("GET", "/customers/{A}/users/member/storagePacks", null, 401, 200, 403, 200),
                row("DELETE", "/customers/{A}/users/member/storagePacks/absent", null, 401, 404, 403, 404),
                row("PUT", "/plans/matrix", object("name", "matrix", "capacity", 10), 401, 403, 403, 200),
                row("GET", "/plans", null, 401, 200, 200, 200),
                row("GET", "/plans/matrix", null, 401, 200, 200, 200),
                row("DELETE", "/plans/absent", null, 401, 403, 403, 404),
                row("POST", "/customers/{A}/reservations", object("space", 1, "size", 1), 401, 403, 403, 201),
                row("GET", "/customers/{A}/reservations/absent", null, 401, 404, 403, 404),
                row("DELETE", "/customers/{A}/reservations/absent", null, 401, 403, 403, 404),
                row("POST", "/customers/{A}/storage/recalculations", null, 401, 202, 403, 202),
                row("POST", "/customers/{A}/spaces/1/storage/recalculations", null, 401, 202, 403, 202),
                row("GET", "/customers/{A}/storage/recalculations/absent", null, 401, 404, 403, 404),
                row("POST", "/storage/recalculations", null, 401, 403, 403, 202),
                row("GET", "/storage/recalculations/absent", null, 401, 403, 403, 404),
                // No real storage is configured in this context: the administrator is told so.
                row("POST", "/customers/{A}/storage/reconciliations", null, 401, 403, 403, 409),
                row("GET", "/customers/{A}/storage/reconciliations/absent", null, 401, 404, 403, 404),
                row("POST", "/customers/{A}/spaces/1/images/a1/storage/check", null, 401, 403, 403, 409),
                row("POST", "/customers/{A}/webhooks", object("url", "http://127.0.0.1:9/hook", "events", List.of("drift.found")),
                        401, 201, 403, 201),
                row("GET", "/customers/{A}/webhooks", null, 401, 200, 403, 200),
                row("GET", "/customers/{A}/webhooks/absent", null, 401, 404, 403, 404),
                row("GET", "/customers/{A}/webhooks/absent/deliveries", null, 401, 404, 403, 404),
                row("DELETE", "/customers/{A}/webhooks/absent", null, 401, 404, 403, 404),
                row("POST", "/webhooks", object("url", "http://127.0.0.1:9/hook", "events", List.of("drift.found")), 401, 403, 403, 201),
                row("GET", "/webhooks", null, 401, 403, 403, 200),
                row("GET", "/webhooks/absent", null, 401, 403, 403, 404),
                row("DELETE", "/webhooks/absent", null, 401, 403, 403, 404),
                row("GET", "/.well-known/jwks.json", null, 200, 200, 200, 200),
                row("POST", "/admin/signing-keys/rotation", null, 401, 403, 403, 200),
                row("GET", "/api/v1/organisations/{A}/statistics/items/storage", null, 401, 401, 401, 401),
                row("GET", "/storagePolicies", null, 200, 200, 200, 200),
                row("GET", "/storagePolicies/default", null, 200, 200, 200, 200),
                row("PUT", "/storagePolicies/matrix", object("maximumNumberOfStoredImages", 10, "maximumTotalSizeOfStoredImages", 10),
                        401, 403, 403, 200),
                row("DELETE", "/storagePolicies/absent", null, 401, 403, 403, 404),
                row("GET", "/contexts/CustomerStorage.jsonld", null, 200, 200, 200, 200),
                row("GET", "/actuator/health", null, 200, 200, 200, 200),
                row("GET", "/actuator/prometheus", null, 401, 403, 403, 200),
                row("GET", "/v3/api-docs", null, 200, 200, 200, 200));
    }

    private static Arguments row(String method, String path, JsonNode body, int nobody, int a, int b, int admin) {
        return Arguments.argumentSet(method + " " + path, method, path, body == null ? null : Json.text(body),
                new int[] {nobody, a, b, admin});
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void each_caller_gets_the_status_of_api_md(String method, String path, String body, int[] expected) {
        String resolved = path.replace("{A}", String.valueOf(customerA));
        String resolvedBody = body == null ? null : body.replace("{A}", String.valueOf(customerA));
        String contentType = body == null ? null : JSON;
        List<LedgerClient> callers = List.of(anonymous(), keyOfA, keyOfB, admin());
        List<String> names = List.of("nobody", "A's key", "B's key", "the administrator");

        for (int caller = 0; caller < callers.size(); caller++) {
            LedgerClient.Response response = callers.get(caller).send(method, resolved, resolvedBody, contentType);
            assertThat(response.status()).as("%s %s by %s: %s", method, resolved, names.get(caller), response.body())
                    .isEqualTo(expected[caller]);
            if (response.status() == 401) {
                // Users' surfaces take bearer tokens only: a key is no credential there.
                assertThat(response.header("WWW-Authenticate"))
                        .isEqualTo((resolved.startsWith("/api/") ? "Bearer" : "Basic") + " realm=\"storage-ledger\"");
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
            if (response.status() == 403) {
                assertThat(response.json().get("status").asInt()).isEqualTo(403);
            }
        }
    }

    @Test
    void a_wrong_secret_or_an_unknown_key_is_refused_with_401() {
        JsonNode issued = admin().post("/customers/" + customerA + "/keys", null).json();

        assertThat(as(issued.get("key").stringValue(), "wrong").get("/customers/" + customerA + "/storage").status()).isEqualTo(401);
        assertThat(as("no-such-key", "whatever").get("/customers/" + customerA + "/storage").status()).isEqualTo(401);
        assertThat(as(ADMIN_KEY, "wrong").get("/customers/" + customerA + "/storage").status()).isEqualTo(401);
    }

    @Test
    void a_revoked_key_is_refused_at_once_and_listed_no_more() {
        JsonNode issued = admin().post("/customers/" + customerA + "/keys", null).json();
        String key = issued.get("key").stringValue();
        LedgerClient holder = client(issued);
        assertThat(holder.get("/customers/" + customerA + "/storage").status()).isEqualTo(200);

        assertThat(holder.delete("/customers/" + customerA + "/keys/" + key).status()).isEqualTo(204);

        assertThat(holder.get("/customers/" + customerA + "/storage").status()).isEqualTo(401);
        assertThat(admin().get("/customers/" + customerA + "/keys").body()).doesNotContain(key);
    }

    @Test
    void a_keys_secret_is_shown_once_and_stored_only_as_a_hash() {
        JsonNode issued = admin().post("/customers/" + customerA + "/keys", null).json();
        String key = issued.get("key").stringValue();
        String secret = issued.get("secret").stringValue();

        String listing = admin().get("/customers/" + customerA + "/keys").body();
        byte[] stored = jdbc.sql("SELECT secret_hash FROM api_key WHERE key = :key").param("key", key).query(byte[].class).single();

        assertThat(listing).contains(key).doesNotContain(secret).doesNotContain("secret");
        assertThat(stored).hasSize(32).isNotEqualTo(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
    }
}
