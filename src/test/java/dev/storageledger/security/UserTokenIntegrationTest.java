package dev.storageledger.security;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.SignedJWT;
import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Users' tokens on both user surfaces: each bad token gets Cloudreve's "Login required" (HTTP 200, code 401, a
 * correlation id, no data) or Cocoon's 401/403, and never any figures.
 */
class UserTokenIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "s3cret-enough";

    @Autowired
    private TokenService tokens;

    private int customer;
    private String email;

    @BeforeEach
    void anOrganisationWithAnAdministrator() {
        customer = newCustomerId();
        email = "admin-" + customer + "@example.com";
        given.customer(customer);
        putUser("admin", email, PASSWORD);
    }

    private void putUser(String id, String address, String password) {
        int status = admin().put("/customers/" + customer + "/users/" + id, object("name", id, "email", address, "password", password,
                "roles", List.of("organisationAdministrator", "originator"), "quota", 1000)).status();
        assertThat(status).isIn(200, 201);
    }

    private String capacityPath() {
        return "/api/v4/user/capacity";
    }

    private String statisticsPath(int organisation) {
        return "/api/v1/organisations/" + organisation + "/statistics/items/storage";
    }

    @Test
    void a_valid_access_token_reads_both_surfaces() {
        String access = login(email, PASSWORD).get("access_token").stringValue();

        assertThat(bearer(access).get(capacityPath()).json().get("code").asInt()).isZero();
        assertThat(bearer(access).get(statisticsPath(customer)).status()).isEqualTo(200);
    }

    @Test
    void no_token_a_malformed_one_and_one_signed_by_another_key_are_refused() throws Exception {
        String access = login(email, PASSWORD).get("access_token").stringValue();
        SignedJWT genuine = SignedJWT.parse(access);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(genuine.getHeader().getKeyID())
                .type(JOSEObjectType.JWT).build(), genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));

        assertRefused(anonymous());
        assertRefused(bearer("not-a-token"));
        assertRefused(bearer("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"));
        assertRefused(bearer(forged.serialize()));
    }

    @Test
    void an_expired_token_and_a_refresh_token_are_not_access_tokens() {
        UUID session = jdbc.sql("SELECT session FROM user_account WHERE customer = :customer AND id = 'admin'")
                .param("customer", customer).query(UUID.class).single();
        TokenService.TokenPair old = tokens.issue(customer, "admin", session, Instant.now().minus(2, ChronoUnit.HOURS));

        assertRefused(bearer(old.accessToken()));
        assertRefused(bearer(login(email, PASSWORD).get("refresh_token").stringValue()));
    }

    @Test
    void a_token_of_a_deleted_user_is_refused_also_when_a_user_of_that_id_is_created_again() {
        String access = login(email, PASSWORD).get("access_token").stringValue();
        assertThat(admin().delete("/customers/" + customer + "/users/admin").status()).isEqualTo(204);

        assertRefused(bearer(access));

        putUser("admin", email, PASSWORD);
        assertRefused(bearer(access));
    }

    @Test
    void a_new_password_ends_the_sessions_of_tokens_issued_before() {
        JsonNode before = login(email, PASSWORD);
        putUser("admin", email, "another-password");

        assertRefused(bearer(before.get("access_token").stringValue()));
        assertThat(refresh(before.get("refresh_token").stringValue()).get("code").asInt()).isEqualTo(40020);
        assertThat(anonymous().post("/api/v4/session/token", object("email", email, "password", PASSWORD)).json().get("code").asInt())
                .isEqualTo(40020);
    }

    @Test
    void an_administrator_of_another_organisation_and_a_user_without_the_role_are_forbidden() {
        int other = newCustomerId();
        given.customer(other);
        given.user(customer, "plain", object("password", PASSWORD, "roles", List.of("originator")));
        String administrator = login(email, PASSWORD).get("access_token").stringValue();
        String originator = login(Given.email(customer, "plain"), PASSWORD).get("access_token").stringValue();

        LedgerClient.Response elsewhere = bearer(administrator).get(statisticsPath(other));
        LedgerClient.Response noRole = bearer(originator).get(statisticsPath(customer));

        for (LedgerClient.Response refused : List.of(elsewhere, noRole)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).doesNotContain("objectStorage", "organisationQuota");
        }
    }

    @Test
    void a_refresh_token_gets_a_new_pair_and_an_access_token_cannot_refresh() {
        JsonNode first = login(email, PASSWORD);

        JsonNode refreshed = refresh(first.get("refresh_token").stringValue());
        JsonNode wrongKind = refresh(first.get("access_token").stringValue());

        assertThat(refreshed.get("code").asInt()).isZero();
        String access = refreshed.get("data").get("token").get("access_token").stringValue();
        assertThat(bearer(access).get(capacityPath()).json().get("code").asInt()).isZero();
        assertThat(wrongKind.get("code").asInt()).isEqualTo(40020);
        assertThat(wrongKind.has("data")).isFalse();
        assertThat(UUID.fromString(wrongKind.get("correlation_id").stringValue())).isNotNull();
    }

    @Test
    void a_login_with_a_wrong_password_or_an_unknown_email_is_one_and_the_same_refusal() {
        Function<Object, JsonNode> attempt = body -> anonymous().post("/api/v4/session/token", body).json();

        JsonNode wrongPassword = attempt.apply(object("email", email, "password", "wrong-password"));
        JsonNode unknown = attempt.apply(object("email", "nobody-" + customer + "@example.com", "password", PASSWORD));
        JsonNode malformed = attempt.apply("{\"email\": 5}"); // as it is: an email that is a number, and no password
        LedgerClient.Response form = anonymous().send("POST", "/api/v4/session/token", "email=a&password=b",
                "application/x-www-form-urlencoded");
        LedgerClient.Response notJson = anonymous().send("POST", "/api/v4/session/token", "{\"email\": ", "application/json");

        assertThat(wrongPassword.get("code").asInt()).isEqualTo(40020);
        assertThat(unknown.get("msg")).isEqualTo(wrongPassword.get("msg"));
        assertThat(malformed.get("code").asInt()).isEqualTo(40001);
        assertThat(malformed.get("msg").stringValue()).contains("email", "password");
        for (LedgerClient.Response unreadable : List.of(form, notJson)) {
            assertThat(unreadable.status()).isEqualTo(200);
            assertThat(unreadable.json().get("code").asInt()).as(unreadable.body()).isEqualTo(40001);
        }
    }

    @Test
    void the_public_keys_are_published_without_their_private_halves() {
        JsonNode keys = anonymous().get("/.well-known/jwks.json").json().get("keys");
        List<String> ids = new ArrayList<>();

        keys.forEach(key -> {
            assertThat(key.get("kty").stringValue()).isEqualTo("RSA");
            assertThat(key.has("n")).isTrue();
            assertThat(key.has("d")).isFalse();
            ids.add(key.get("kid").stringValue());
        });
        assertThat(ids).containsExactlyInAnyOrderElementsOf(jdbc.sql("SELECT id FROM signing_key").query(String.class).list());
    }

    private JsonNode refresh(String token) {
        return anonymous().post("/api/v4/session/token/refresh", object("refresh_token", token)).json();
    }

    /** Both user surfaces refuse the caller and show no figure. */
    private void assertRefused(LedgerClient caller) {
        LedgerClient.Response capacity = caller.get(capacityPath());
        assertThat(capacity.status()).isEqualTo(200);
        JsonNode envelope = capacity.json();
        assertThat(envelope.get("code").asInt()).as(capacity.body()).isEqualTo(401);
        assertThat(envelope.get("msg").stringValue()).isEqualTo("Login required");
        assertThat(UUID.fromString(envelope.get("correlation_id").stringValue())).isNotNull();
        assertThat(envelope.has("data")).isFalse();

        LedgerClient.Response statistics = caller.get(statisticsPath(customer));
        assertThat(statistics.status()).as(statistics.body()).isEqualTo(401);
        assertThat(statistics.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(statistics.body()).doesNotContain("objectStorage");
    }
}
