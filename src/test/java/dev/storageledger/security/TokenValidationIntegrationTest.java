package dev.storageledger.security;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ledger's own tokens are checked strictly, each check shown by a token that an attacker holding the signing key
 * (or a bad day) would send: made by the test, signed with the real key, and refused for its one flaw. A token made
 * the same way without a flaw is accepted, so the refusals are about the flaws.
 */
class TokenValidationIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "validation-password";
    private static final JOSEObjectType ACCESS = new JOSEObjectType("at+jwt");
    private static final JOSEObjectType REFRESH = new JOSEObjectType("rt+jwt");

    private int customer;
    private UUID session;
    private RSAKey key;

    @BeforeEach
    void aUserOfAnOrganisation() throws Exception {
        customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "kim", object("password", PASSWORD, "roles", List.of("organisationAdministrator"), "quota", 5000));
        session = jdbc.sql("SELECT session FROM user_account WHERE customer = :customer AND id = 'kim'")
                .param("customer", customer).query(UUID.class).single();
        key = ForgedTokens.signingKey(jdbc);
    }

    private JWTClaimsSet.Builder access() {
        return ForgedTokens.access(customer, "kim", session);
    }

    private String signed(JOSEObjectType type, JWTClaimsSet.Builder claims) throws Exception {
        return ForgedTokens.sign(key, type, claims.build());
    }

    @Test
    void a_token_made_like_the_ledgers_own_with_the_real_key_is_accepted() throws Exception {
        String accessToken = signed(ACCESS, access());
        String refreshToken = signed(REFRESH, ForgedTokens.refresh(customer, "kim", session));

        assertThat(bearer(accessToken).get("/api/v4/user/capacity").json().get("code").asInt()).isZero();
        assertThat(bearer(accessToken).get(statistics()).status()).isEqualTo(200);
        assertThat(refresh(refreshToken).get("code").asInt()).isZero();
    }

    @Test
    void a_token_whose_parts_are_not_base64url_without_padding_is_refused_though_its_signature_is_good() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(ACCESS).build();
        JWTClaimsSet claims = access().claim("note", ForgedTokens.SLASHES_AND_PLUSES).build();
        JWSHeader refreshHeader = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(REFRESH).build();
        JWTClaimsSet refreshClaims = ForgedTokens.refresh(customer, "kim", session).claim("note", ForgedTokens.SLASHES_AND_PLUSES).build();
        Map<String, Base64.Encoder> alphabets = Map.of(
                "the standard alphabet, padded", Base64.getEncoder(),
                "the standard alphabet", Base64.getEncoder().withoutPadding(),
                "base64url, padded", Base64.getUrlEncoder());

        alphabets.forEach((alphabet, encoder) -> {
            String token = ForgedTokens.encoded(encoder, header, claims, ForgedTokens.rs256(key));
            assertThat(token).as(alphabet).containsAnyOf("+", "/", "=");
            assertRefused(token, null);
            String refreshToken = ForgedTokens.encoded(encoder, refreshHeader, refreshClaims, ForgedTokens.rs256(key));
            assertThat(refresh(refreshToken).get("code").asInt()).as(alphabet).isEqualTo(40020);
        });
        // The same, in base64url without padding: accepted, so the refusals are about the alphabet.
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        assertThat(bearer(ForgedTokens.encoded(url, header, claims, ForgedTokens.rs256(key))).get(statistics()).status()).isEqualTo(200);
        assertThat(refresh(ForgedTokens.encoded(url, refreshHeader, refreshClaims, ForgedTokens.rs256(key))).get("code").asInt()).isZero();
    }

    @Test
    void a_token_without_an_expiry_is_refused() throws Exception {
        String token = signed(ACCESS, access().expirationTime(null));

        assertRefused(token, "exp");
    }

    @Test
    void a_token_expired_more_than_five_seconds_ago_is_refused_also_as_a_refresh_token() throws Exception {
        Instant thirtySecondsAgo = Instant.now().minusSeconds(30);
        String accessToken = signed(ACCESS, access().issueTime(Date.from(thirtySecondsAgo.minus(1, ChronoUnit.HOURS)))
                .notBeforeTime(Date.from(thirtySecondsAgo.minus(1, ChronoUnit.HOURS))).expirationTime(Date.from(thirtySecondsAgo)));
        String refreshToken = signed(REFRESH, ForgedTokens.refresh(customer, "kim", session)
                .issueTime(Date.from(thirtySecondsAgo.minus(14, ChronoUnit.DAYS)))
                .notBeforeTime(Date.from(thirtySecondsAgo.minus(14, ChronoUnit.DAYS))).expirationTime(Date.from(thirtySecondsAgo)));

        assertRefused(accessToken, "expired");
        JsonNode refreshed = refresh(refreshToken);
        assertThat(refreshed.get("code").asInt()).as(refreshed.toString()).isEqualTo(40020);
        assertThat(refreshed.has("data")).isFalse();
    }

    @Test
    void a_customer_claim_that_is_not_an_integer_from_1_to_2_to_the_31_is_refused_and_never_read_as_another_customer()
            throws Exception {
        List<Object> claims = List.of((1L << 32) + customer, customer + 0.9, (double) customer, String.valueOf(customer), -customer, 0);

        for (Object claim : claims) {
            assertRefused(signed(ACCESS, access().claim("customer", claim)), "customer");
            assertThat(refresh(signed(REFRESH, ForgedTokens.refresh(customer, "kim", session).claim("customer", claim)))
                    .get("code").asInt()).as("refresh with customer %s", claim).isEqualTo(40020);
        }
    }

    @Test
    void a_time_claim_that_is_not_a_number_and_a_session_that_is_not_an_id_are_refused() throws Exception {
        assertRefused(signed(ACCESS, access().claim("exp", String.valueOf(Instant.now().plusSeconds(300).getEpochSecond()))), null);
        assertRefused(signed(ACCESS, access().claim("sid", 5)), "sid");
    }

    @Test
    void a_token_issued_for_longer_than_the_ledger_issues_them_or_in_the_future_is_refused() throws Exception {
        assertRefused(signed(ACCESS, access().expirationTime(Date.from(Instant.now().plus(3650, ChronoUnit.DAYS)))), "longer");
        assertRefused(signed(ACCESS, access().issueTime(Date.from(Instant.now().plus(10, ChronoUnit.MINUTES)))), "future");
    }

    @Test
    void an_access_token_without_the_access_type_or_the_ledgers_audience_is_refused() throws Exception {
        assertRefused(signed(JOSEObjectType.JWT, access()), "type");
        assertRefused(signed(null, access()), "type");
        assertRefused(signed(REFRESH, access()), "type");
        assertRefused(signed(ACCESS, access().audience((String) null)), "aud");
        assertRefused(signed(ACCESS, access().audience("another-service")), "aud");
        assertRefused(signed(ACCESS, access().audience("storage-ledger-refresh")), "aud");
        assertRefused(signed(ACCESS, access().claim("token_type", "refresh")), "token_type");
    }

    @Test
    void a_refresh_token_is_no_access_token_and_an_access_token_refreshes_nothing_whatever_their_other_claims() throws Exception {
        JsonNode issued = login(emailOf("kim"), PASSWORD);

        assertRefused(issued.get("refresh_token").stringValue(), "type");
        assertRefused(signed(ACCESS, ForgedTokens.refresh(customer, "kim", session)), "aud");
        assertThat(refresh(issued.get("access_token").stringValue()).get("code").asInt()).isEqualTo(40020);
        assertThat(refresh(signed(REFRESH, access())).get("code").asInt()).isEqualTo(40020);
    }

    /**
     * A verifier of RFC 9068 access tokens built from the library alone, as another service would verify the ledger's
     * tokens with its JWK Set: it takes the access token and refuses the refresh token, whether it checks the type or
     * the audience.
     */
    @Test
    void a_standard_verifier_of_access_tokens_takes_the_access_token_and_refuses_the_refresh_token() throws Exception {
        JsonNode issued = login(emailOf("kim"), PASSWORD);
        ImmutableJWKSet<SecurityContext> published = new ImmutableJWKSet<>(JWKSet.parse(anonymous().get("/.well-known/jwks.json").body()));
        DefaultJWTProcessor<SecurityContext> byType = verifier(published, new DefaultJOSEObjectTypeVerifier<>(ACCESS), null);
        DefaultJWTProcessor<SecurityContext> byAudience = verifier(published,
                new DefaultJOSEObjectTypeVerifier<>(ACCESS, REFRESH, JOSEObjectType.JWT, null), "storage-ledger");

        String accessToken = issued.get("access_token").stringValue();
        String refreshToken = issued.get("refresh_token").stringValue();

        assertThat(byType.process(accessToken, null).getSubject()).isEqualTo("kim");
        assertThat(byAudience.process(accessToken, null).getSubject()).isEqualTo("kim");
        assertThatThrownBy(() -> byType.process(refreshToken, null)).isInstanceOf(BadJOSEException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> byAudience.process(refreshToken, null)).isInstanceOf(BadJOSEException.class)
                .hasMessageContaining("aud");
    }

    private static DefaultJWTProcessor<SecurityContext> verifier(ImmutableJWKSet<SecurityContext> keys,
            DefaultJOSEObjectTypeVerifier<SecurityContext> type, String audience) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(type);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience == null ? null : Set.of(audience),
                new JWTClaimsSet.Builder().issuer("storage-ledger").build(), Set.of("sub", "exp"), Set.of()));
        return processor;
    }

    private String emailOf(String user) {
        return Given.email(customer, user);
    }

    private String statistics() {
        return "/api/v1/organisations/" + customer + "/statistics/items/storage";
    }

    private JsonNode refresh(String token) {
        return anonymous().post("/api/v4/session/token/refresh", object("refresh_token", token)).json();
    }

    /**
     * Both user surfaces refuse the token and show no figure; Cocoon's problem names what is wrong with it
     * ({@code problem}, when not null).
     */
    private void assertRefused(String token, String problem) {
        LedgerClient caller = bearer(token);
        JsonNode capacity = caller.get("/api/v4/user/capacity").json();
        assertThat(capacity.get("code").asInt()).as(capacity.toString()).isEqualTo(401);
        assertThat(capacity.has("data")).isFalse();

        LedgerClient.Response statistics = caller.get(statistics());
        assertThat(statistics.status()).as(statistics.body()).isEqualTo(401);
        assertThat(statistics.body()).doesNotContain("objectStorage");
        if (problem != null) {
            assertThat(statistics.json().get("detail").stringValue()).containsIgnoringCase(problem);
        }
    }
}
