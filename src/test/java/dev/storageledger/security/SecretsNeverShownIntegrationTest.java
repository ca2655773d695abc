package dev.storageledger.security;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Passwords, key secrets and tokens go into the service and, where they must, out once (a key's secret when it is
 * issued, tokens when they are issued) and nowhere else: in no other answer and in no log line, not even when a
 * request that carries them fails.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverShownIntegrationTest extends IntegrationTest {

    @Test
    void passwords_secrets_and_tokens_appear_in_no_other_answer_and_in_no_log_line(CapturedOutput log) {
        LedgerClient admin = admin();
        int customer = newCustomerId();
        String password = "pw-" + customer + "-Zebra!";
        String wrongPassword = "wrong-" + customer + "-Quokka";
        String email = "secret-" + customer + "@example.com";
        given.customer(customer);
        List<String> answers = new ArrayList<>();
        answers.add(given.user(customer, "keeper",
                object("email", email, "password", password, "roles", List.of("organisationAdministrator"))).body());

        JsonNode issuedKey = admin.post("/customers/" + customer + "/keys", null).json();
        String secret = issuedKey.get("secret").stringValue();
        JsonNode token = login(email, password);
        String access = token.get("access_token").stringValue();
        String refresh = token.get("refresh_token").stringValue();
        String refreshed = anonymous().post("/api/v4/session/token/refresh", object("refresh_token", refresh))
                .json().get("data").get("token").get("access_token").stringValue();

        LedgerClient.Response failedLogin = anonymous().post("/api/v4/session/token", object("email", email, "password", wrongPassword));
        answers.add(failedLogin.body());
        answers.add(anonymous().post("/api/v4/session/token", object("email", email, "password", wrongPassword, "extra", password)).body());
        answers.add(bearer(access + "x").get("/api/v4/user/capacity").body());
        answers.add(bearer(refresh).get("/api/v1/organisations/" + customer + "/statistics/items/storage").body());
        answers.add(as(issuedKey.get("key").stringValue(), secret + "x").get("/customers/" + customer + "/storage").body());
        answers.add(admin.get("/customers/" + customer + "/users/keeper").body());
        answers.add(admin.get("/customers/" + customer + "/keys").body());
        answers.add(admin.put("/customers/" + customer + "/users/keeper",
                object("name", "keeper", "email", email, "password", password, "roles", List.of("no-such-role"))).body());

        List<String> secrets = List.of(password, wrongPassword, secret, access, refresh, refreshed, "$2a$", "$2b$");
        assertThat(answers).allSatisfy(answer -> assertThat(answer).doesNotContain(secrets));
        // The capture does see the service's log: the failed login's line, with the answer's correlation id.
        assertThat(log.getAll()).contains(failedLogin.json().get("correlation_id").stringValue());
        assertThat(log.getAll()).doesNotContain(secrets);
    }
}
