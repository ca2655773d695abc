package dev.storageledger.security;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The access tokens of a Cloudreve site in front of the ledger, built here as Cloudreve builds them: HS256 with the
 * site's secret, {@code token_type} "access", {@code sub} the site's hash id of [user id, 1], {@code nbf} and
 * {@code exp}. GET /api/v4/user/capacity takes them for the configured customer's user with that id; everything else
 * about them is refused in Cloudreve's envelope, and no other path takes them.
 */
class CloudreveTokenIntegrationTest extends IntegrationTest {

    /** A customer id of this test's own (ids below 1000 are never handed out by newCustomerId). */
    private static final int CUSTOMER = 907;
    private static final String SECRET = "a Cloudreve site's JWT secret, as long as any HS256 secret must be";
    private static final String SALT = "the site's hash id salt";
    private static final String PASSWORD = "the user's own password";
    private static final Hashids SITE = new Hashids(SALT);
    private static final AtomicBoolean MADE = new AtomicBoolean();

    @DynamicPropertySource
    static void cloudreve(DynamicPropertyRegistry registry) {
        registry.add("ledger.tokens.cloudreve.secret", () -> SECRET);
        registry.add("ledger.tokens.cloudreve.hashid-salt", () -> SALT);
        registry.add("ledger.tokens.cloudreve.customer", () -> CUSTOMER);
    }

    @BeforeEach
    void theSitesCustomerWithUser42StoringAnAsset() {
        if (MADE.compareAndSet(false, true)) {
            given.customer(CUSTOMER);
            given.space(CUSTOMER, 1);
            given.user(CUSTOMER, "42", object("quota", 5000, "password", PASSWORD));
            given.user(CUSTOMER, "7", object("quota", 100));
            given.asset(CUSTOMER, 1, "photo", object("size", 1200, "thumbnailSize", 30, "owner", "42"));
        }
    }

    private static JWTClaimsSet.Builder access(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().claim("token_type", "access").subject(subject).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)));
    }

    private static String signed(String secret, JWSAlgorithm algorithm, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims.build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String signed(JWTClaimsSet.Builder claims) throws Exception {
        return signed(SECRET, JWSAlgorithm.HS256, claims);
    }

    private static String user(long id) {
        return SITE.encode(id, CloudreveTokens.USER_ID_TYPE);
    }

    @Test
    void a_cloudreve_access_token_reads_the_capacity_of_the_customers_user_its_subject_names() throws Exception {
        LedgerClient.Response answer = bearer(signed(access(user(42)))).get("/api/v4/user/capacity");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"code\":0,\"data\":{\"total\":5000,\"used\":1230,\"storage_pack_total\":0},\"msg\":\"\"}");
        assertThat(bearer(signed(access(user(7)))).get("/api/v4/user/capacity").json().get("data").get("total").asLong()).isEqualTo(100);
    }

    @Test
    void a_refresh_token_another_type_a_wrong_secret_an_unknown_user_or_an_expired_token_is_refused_in_the_envelope()
            throws Exception {
        Instant thirtySecondsAgo = Instant.now().minusSeconds(30);
        Map<String, String> refused = Map.ofEntries(
                Map.entry("a refresh token", signed(access(user(42)).claim("token_type", "refresh").claim("root_token_id",
                        UUID.randomUUID().toString()).expirationTime(Date.from(Instant.now().plusSeconds(14 * 86400))))),
                Map.entry("another token type", signed(access(user(42)).claim("token_type", "oauth"))),
                Map.entry("no token type", signed(access(user(42)).claim("token_type", null))),
                Map.entry("a wrong secret", signed("another site's secret, just as long as the real one", JWSAlgorithm.HS256,
                        access(user(42)))),
                Map.entry("HS512 with the secret", signed(SECRET, JWSAlgorithm.HS512, access(user(42)))),
                Map.entry("an unknown user", signed(access(user(43)))),
                Map.entry("expired 30 s ago", signed(access(user(42)).notBeforeTime(Date.from(thirtySecondsAgo.minusSeconds(3600)))
                        .expirationTime(Date.from(thirtySecondsAgo)))),
                Map.entry("no expiry", signed(access(user(42)).expirationTime(null))),
                Map.entry("no subject", signed(access(null))),
                Map.entry("a plain user id", signed(access("42"))),
                Map.entry("the hash id of a share", signed(access(SITE.encode(42, 0)))),
                Map.entry("a hash id of one number", signed(access(SITE.encode(42)))),
                Map.entry("a hash id of another salt", signed(access(new Hashids("another salt").encode(42, 1)))));

        refused.forEach((what, token) -> {
            LedgerClient.Response answer = bearer(token).get("/api/v4/user/capacity");
            assertThat(answer.status()).as(what).isEqualTo(200);
            JsonNode body = answer.json();
            assertThat(body.get("code").asInt()).as("%s: %s", what, body).isEqualTo(401);
            assertThat(body.has("data")).as(what).isFalse();
        });
    }

    @Test
    void a_cloudreve_token_whose_parts_are_not_base64url_without_padding_is_refused_though_its_signature_is_good() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
        JWTClaimsSet claims = access(user(42)).claim("note", ForgedTokens.SLASHES_AND_PLUSES).build();
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);

        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getEncoder().withoutPadding(), Base64.getUrlEncoder())) {
            String token = ForgedTokens.encoded(encoder, header, claims, ForgedTokens.hs256(secret));
            assertThat(token).containsAnyOf("+", "/", "=");
            JsonNode body = bearer(token).get("/api/v4/user/capacity").json();
            assertThat(body.get("code").asInt()).as("%s: %s", token, body).isEqualTo(401);
        }
        String url = ForgedTokens.encoded(Base64.getUrlEncoder().withoutPadding(), header, claims, ForgedTokens.hs256(secret));
        assertThat(bearer(url).get("/api/v4/user/capacity").json().get("code").asInt()).isZero();
    }

    @Test
    void no_other_path_takes_a_cloudreve_token() throws Exception {
        String token = signed(access(user(42)));

        assertThat(bearer(token).get("/api/v4/user/capacity").json().get("code").asInt()).isZero();
        assertThat(bearer(token).get("/api/v4/user/settings").json().get("code").asInt()).isEqualTo(401);
        assertThat(bearer(token).get("/api/v1/organisations/" + CUSTOMER + "/statistics/items/storage").status()).isEqualTo(401);
        assertThat(bearer(token).get("/customers/" + CUSTOMER).status()).isEqualTo(401);
    }

    @Test
    void the_ledgers_own_tokens_still_read_the_capacity() {
        String accessToken = login(Given.email(CUSTOMER, "42"), PASSWORD).get("access_token").asString();

        assertThat(bearer(accessToken).get("/api/v4/user/capacity").json().get("data").get("used").asLong()).isEqualTo(1230);
    }
}
