package dev.storageledger.web;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * What an outside attack sent, sent again: credentials and texts with NUL and control characters. Each is refused as
 * the plain bad input it is (401, a 400 naming the field, Cloudreve's parameter error), never a 500, and none leaves
 * an ERROR line or a stack trace in the service's log. LedgerClient fails any test that meets a 500.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputIntegrationTest extends IntegrationTest {

    private static final String CLOUDREVE_LOGIN = "/api/v4/session/token";
    private static final int CLOUDREVE_PARAMETER_ERROR = 40001;

    @Test
    void a_basic_key_or_secret_with_nul_or_a_control_character_is_a_plain_authentication_failure() {
        int customer = newCustomerId();
        given.customer(customer);
        List<LedgerClient> callers = List.of(as("a\u0000b", "x"), as(ADMIN_KEY + "\u0000", ADMIN_SECRET), as(ADMIN_KEY, ADMIN_SECRET + "\u0000"),
                as("\u0000", "\u0000"), as("key\u0001", "secret"), as("key", "secret\u007f"), as("key\n", "secret"));

        for (LedgerClient caller : callers) {
            LedgerClient.Response answer = caller.get("/customers/" + customer + "/storage");

            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("status").asInt()).isEqualTo(401);
        }
        assertThat(admin().get("/customers/" + customer + "/storage").status()).isEqualTo(200);
    }

    @Test
    void a_login_or_a_refresh_with_nul_is_a_parameter_error_in_cloudreves_envelope() {
        JsonNode login = anonymous().post(CLOUDREVE_LOGIN, object("email", "a\u0000b@example.com", "password", "long enough")).json();
        JsonNode loginPassword = anonymous().post(CLOUDREVE_LOGIN, object("email", "a@example.com", "password", "long\u0000enough")).json();
        JsonNode refresh = anonymous().post(CLOUDREVE_LOGIN + "/refresh", object("refresh_token", "a\u0000b")).json();

        assertThat(login.get("code").asInt()).as(login.toString()).isEqualTo(CLOUDREVE_PARAMETER_ERROR);
        assertThat(login.get("msg").stringValue()).contains("email: must not contain the character U+0000");
        assertThat(loginPassword.get("code").asInt()).as(loginPassword.toString()).isEqualTo(CLOUDREVE_PARAMETER_ERROR);
        assertThat(loginPassword.get("msg").stringValue()).contains("password: must not contain the character U+0000");
        assertThat(refresh.get("code").asInt()).as(refresh.toString()).isEqualTo(CLOUDREVE_PARAMETER_ERROR);
        assertThat(refresh.get("msg").stringValue()).contains("refresh_token: must not contain the character U+0000");
    }

    @Test
    void texts_and_instants_at_the_edges_of_what_is_accepted_are_stored_exactly_as_they_are_answered() {
        int customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "edges");
        LedgerClient admin = admin();
        String name = "Grinning \uD83D\uDE00, a pair of surrogates that is one character";
        String packs = "/customers/" + customer + "/users/edges/storagePacks";

        LedgerClient.Response created = admin.post(packs, object("name", name, "size", 1, "activeFrom", "0001-01-01T00:00:00Z",
                "expiresAt", "9999-12-31T23:59:59.999999Z"));
        LedgerClient.Response renamed = admin.put("/customers/" + customer, object("name", name));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode stored = admin.get(packs).json().get("member").get(0);
        for (JsonNode pack : List.of(created.json(), stored)) {
            assertThat(pack.get("name").stringValue()).isEqualTo(name);
            assertThat(pack.get("activeFrom").stringValue()).isEqualTo("0001-01-01T00:00:00Z");
            assertThat(pack.get("expiresAt").stringValue()).isEqualTo("9999-12-31T23:59:59.999999Z");
        }
        assertThat(renamed.json().get("name").stringValue()).isEqualTo(name);
        assertThat(admin.get("/customers/" + customer).json().get("name").stringValue()).isEqualTo(name);
    }

    @Test
    void an_instant_finer_than_a_microsecond_is_answered_as_it_is_kept() {
        int customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "precise");
        String packs = "/customers/" + customer + "/users/precise/storagePacks";

        JsonNode created = admin().post(packs, object("name", "p", "size", 1, "activeFrom", "2030-01-01T00:00:00.123456789Z",
                "expiresAt", "2030-01-01T00:00:00.999999999Z")).json();
        JsonNode stored = admin().get(packs).json().get("member").get(0);

        for (JsonNode pack : List.of(created, stored)) {
            assertThat(pack.get("activeFrom").stringValue()).isEqualTo("2030-01-01T00:00:00.123456Z");
            assertThat(pack.get("expiresAt").stringValue()).isEqualTo("2030-01-01T00:00:00.999999Z");
        }
    }

    @Test
    void hostile_input_leaves_no_error_line_and_no_stack_trace_in_the_log(CapturedOutput log) {
        int customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "target");
        LedgerClient admin = admin();
        String packs = "/customers/" + customer + "/users/target/storagePacks";

        List<Integer> answers = List.of(
                as("a\u0000b", "x").get("/customers/" + customer + "/storage").status(),
                anonymous().post(CLOUDREVE_LOGIN, object("email", "a\u0000b@example.com", "password", "long enough")).status(),
                admin.put("/plans/hostile", object("name", "a\u0000b", "capacity", 1)).status(),
                admin.put("/customers/" + customer, object("name", "a\u0000b")).status(),
                admin.put("/customers/" + customer + "/spaces/1", object("name", "a\u0000b")).status(),
                admin.put("/customers/" + customer + "/users/target", object("name", "a\u0000b", "email", "t@example.com")).status(),
                admin.post(packs, object("name", "a\u0000b", "size", 1, "expiresAt", "2100-01-01T00:00:00Z")).status(),
                admin.post(packs, object("name", "p", "size", 1, "expiresAt", "+294277-01-01T00:00:00Z")).status(),
                admin.post(packs, object("name", "p", "size", 1, "activeFrom", "-4714-01-01T00:00:00Z",
                        "expiresAt", "2100-01-01T00:00:00Z")).status(),
                admin.put("/customers/" + customer, "{\"name\": \"\\ud800\"}").status(),
                admin.put("/customers/" + customer, "{\"name\": \"a\", \"name\": \"b\"}").status());

        assertThat(answers).allSatisfy(status -> assertThat(status).isBetween(200, 499));
        assertThat(log.getAll().lines().filter(line -> line.contains(" ERROR ") || line.startsWith("\tat ")))
                .as("ERROR lines and stack frames in the log").isEmpty();
    }
}
