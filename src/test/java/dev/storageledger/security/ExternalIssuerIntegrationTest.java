package dev.storageledger.security;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Access tokens of an external issuer (an organisation's identity provider), configured by its issuer and JWK Set
 * URL: accepted for users the ledger knows, with the roles of the configured claim, and verified with that
 * issuer's keys only. The issuer here is a real HTTP server that serves its JWK Set.
 */
class ExternalIssuerIntegrationTest extends IntegrationTest {

    private static final String ISSUER = "https://idp.example.org";
    private static final RSAKey ISSUER_KEY = generate();
    private static final RSAKey OTHER_KEY = generate();
    private static HttpServer jwks;

    private int customer;

    @DynamicPropertySource
    static void externalIssuer(DynamicPropertyRegistry registry) throws IOException {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] document = new JWKSet(ISSUER_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/keys", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, document.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(document);
            }
        });
        jwks.start();
        registry.add("ledger.tokens.external.issuer", () -> ISSUER);
        registry.add("ledger.tokens.external.jwks-url", () -> "http://127.0.0.1:" + jwks.getAddress().getPort() + "/keys");
        registry.add("ledger.tokens.external.role-claim", () -> "groups");
        registry.add("ledger.tokens.external.customer-claim", () -> "org");
    }

    @AfterAll
    static void stopTheIssuer() {
        jwks.stop(0);
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("idp-" + System.nanoTime()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void anOrganisationWithAUser() {
        customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "kim", object("quota", 5000));
    }

    private static String token(RSAKey key, String issuer, String subject, Object org, Object groups) throws Exception {
        return signed(key, claims(issuer, subject, org, groups));
    }

    private static JWTClaimsSet.Builder claims(String issuer, String subject, Object org, Object groups) {
        return new JWTClaimsSet.Builder().issuer(issuer).subject(subject).claim("org", org).claim("groups", groups)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(5, ChronoUnit.MINUTES)));
    }

    private static String signed(RSAKey key, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String statistics() {
        return "/api/v1/organisations/" + customer + "/statistics/items/storage";
    }

    @Test
    void a_token_of_the_issuer_for_a_known_user_reads_with_the_roles_of_its_claim() throws Exception {
        String administrator = token(ISSUER_KEY, ISSUER, "kim", customer, List.of("staff", "organisationAdministrator"));
        String plain = token(ISSUER_KEY, ISSUER, "kim", String.valueOf(customer), "staff originator");

        assertThat(bearer(administrator).get(statistics()).status()).isEqualTo(200);
        assertThat(bearer(plain).get(statistics()).status()).isEqualTo(403);
        assertThat(bearer(plain).get("/api/v4/user/capacity").body())
                .isEqualTo("{\"code\":0,\"data\":{\"total\":5000,\"used\":0,\"storage_pack_total\":0},\"msg\":\"\"}");
    }

    @Test
    void a_token_for_an_unknown_user_or_signed_with_a_key_that_is_not_the_issuers_is_refused() throws Exception {
        List<String> refused = List.of(
                token(ISSUER_KEY, ISSUER, "stranger", customer, List.of("organisationAdministrator")),
                token(ISSUER_KEY, ISSUER, "kim", null, List.of("organisationAdministrator")),
                token(OTHER_KEY, ISSUER, "kim", customer, List.of("organisationAdministrator")),
                token(ISSUER_KEY, TokenService.ISSUER, "kim", customer, List.of("organisationAdministrator")));

        for (String token : refused) {
            assertThat(bearer(token).get(statistics()).status()).isEqualTo(401);
            assertThat(bearer(token).get("/api/v4/user/capacity").json().get("code").asInt()).isEqualTo(401);
        }
    }

    @Test
    void a_token_of_the_issuer_without_an_expiry_expired_beyond_five_seconds_or_naming_no_integer_customer_is_refused()
            throws Exception {
        List<String> groups = List.of("organisationAdministrator");
        Instant thirtySecondsAgo = Instant.now().minusSeconds(30);
        List<String> refused = List.of(
                signed(ISSUER_KEY, claims(ISSUER, "kim", customer, groups).expirationTime(null)),
                signed(ISSUER_KEY, claims(ISSUER, "kim", customer, groups).issueTime(Date.from(thirtySecondsAgo.minusSeconds(300)))
                        .expirationTime(Date.from(thirtySecondsAgo))),
                token(ISSUER_KEY, ISSUER, "kim", (1L << 32) + customer, groups),
                token(ISSUER_KEY, ISSUER, "kim", customer + 0.9, groups),
                token(ISSUER_KEY, ISSUER, "kim", (double) customer, groups),
                token(ISSUER_KEY, ISSUER, "kim", customer + ".9", groups),
                token(ISSUER_KEY, ISSUER, "kim", "0" + customer, groups),
                token(ISSUER_KEY, ISSUER, "kim", -customer, groups));

        for (String token : refused) {
            assertThat(bearer(token).get(statistics()).status()).isEqualTo(401);
            assertThat(bearer(token).get("/api/v4/user/capacity").json().get("code").asInt()).isEqualTo(401);
        }
        assertThat(bearer(token(ISSUER_KEY, ISSUER, "kim", customer, groups)).get(statistics()).status()).isEqualTo(200);
    }

    @Test
    void a_token_of_the_issuer_whose_parts_are_not_base64url_without_padding_is_refused_though_its_signature_is_good() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ISSUER_KEY.getKeyID()).type(JOSEObjectType.JWT).build();
        JWTClaimsSet claims = claims(ISSUER, "kim", customer, List.of("organisationAdministrator"))
                .claim("note", ForgedTokens.SLASHES_AND_PLUSES).build();

        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getEncoder().withoutPadding(), Base64.getUrlEncoder())) {
            String token = ForgedTokens.encoded(encoder, header, claims, ForgedTokens.rs256(ISSUER_KEY));
            assertThat(token).containsAnyOf("+", "/", "=");
            assertThat(bearer(token).get(statistics()).status()).as(token).isEqualTo(401);
        }
        String url = ForgedTokens.encoded(Base64.getUrlEncoder().withoutPadding(), header, claims, ForgedTokens.rs256(ISSUER_KEY));
        assertThat(bearer(url).get(statistics()).status()).isEqualTo(200);
    }

    @Test
    void the_ledgers_own_tokens_still_work_beside_the_issuers() {
        given.user(customer, "own", object("password", "own-password", "roles", List.of("organisationAdministrator")));

        String access = login(Given.email(customer, "own"), "own-password").get("access_token").stringValue();

        assertThat(bearer(access).get(statistics()).status()).isEqualTo(200);
    }
}
