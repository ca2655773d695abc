package dev.storageledger.security;

import dev.storageledger.SettingsException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.storageledger.TokenSettings;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Service;

/**
 * Users' tokens (api.md "Cloudreve surface"): an access token (1 hour by default) and a refresh token (14 days),
 * both RS256 JWTs signed with the signing key of {@link SigningKeys}, whose public keys are served at
 * /.well-known/jwks.json.
 *
 * <p>An access token is an RFC 9068 one: header {@code typ: at+jwt}; claims iss ("storage-ledger"), aud (the
 * setting LEDGER_TOKEN_AUDIENCE), client_id, sub (the user id), customer, sid (the user's session, which a new
 * password replaces), token_type "access", iat, nbf, exp, jti. A refresh token has the header {@code typ: rt+jwt},
 * the audience {@value #REFRESH_AUDIENCE} and token_type "refresh", so that no verifier that wants an access token
 * (its type or its audience) takes it, and the ledger takes each kind only where it belongs.
 *
 * <p>A token is valid only when Nimbus's verifiers pass it: the type, a key of the ledger, the issuer, the audience
 * and the token type exactly; exp, iat, sub, jti, customer and sid present; exp and nbf within {@link #CLOCK_SKEW};
 * a lifetime no longer than the setting's; and the customer claim an integer from 1 to 2^31-1 (see
 * {@link TokenClaims}). Access tokens of one external issuer may be accepted too (TokenSettings.ExternalIssuer),
 * with exp required and the same skew and customer checks.
 */
@Service
public class TokenService {

    public static final String ISSUER = "storage-ledger";
    /** The audience of refresh tokens: only the ledger's own refresh endpoint takes them. */
    static final String REFRESH_AUDIENCE = "storage-ledger-refresh";
    static final JOSEObjectType ACCESS_TYPE = new JOSEObjectType("at+jwt");
    static final JOSEObjectType REFRESH_TYPE = new JOSEObjectType("rt+jwt");
    /** How far the clocks of the ledger and of a token's issuer may disagree. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    static final String ACCESS = "access";
    static final String REFRESH = "refresh";

    private final SigningKeys keys;
    private final TokenSettings settings;
    private final JwtDecoder accessTokens;
    private final JwtDecoder refreshTokens;

    TokenService(SigningKeys keys, TokenSettings settings) {
        this.keys = keys;
        this.settings = settings;
        if (REFRESH_AUDIENCE.equals(settings.audience())) {
            throw new SettingsException("LEDGER_TOKEN_AUDIENCE is " + REFRESH_AUDIENCE + ", the audience of refresh tokens",
                    "Set LEDGER_TOKEN_AUDIENCE to the service's own identifier, such as its public URL, or leave it unset.");
        }
        this.accessTokens = Base64UrlTokens.only(accessTokens(own(keys, ACCESS, settings.audience(), settings.accessTtl(),
                new DefaultJOSEObjectTypeVerifier<>(ACCESS_TYPE, new JOSEObjectType("application/at+jwt"))), settings.external()));
        this.refreshTokens = Base64UrlTokens.only(own(keys, REFRESH, REFRESH_AUDIENCE, settings.refreshTtl(),
                new DefaultJOSEObjectTypeVerifier<>(REFRESH_TYPE)));
    }

    /** A decoder of the ledger's own tokens of one kind; every check is Nimbus's, Spring's only checks the times again. */
    private static JwtDecoder own(JWKSource<SecurityContext> keys, String tokenType, String audience, Duration lifetime,
            DefaultJOSEObjectTypeVerifier<SecurityContext> type) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(type);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(TokenClaims.own(tokenType, audience, lifetime));
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        // In place of Spring's default validators, whose type check wants "JWT" and whose times allow 60 s of skew.
        decoder.setJwtValidator(strictTimes());
        return decoder;
    }

    private static JwtTimestampValidator strictTimes() {
        JwtTimestampValidator times = new JwtTimestampValidator(CLOCK_SKEW);
        times.setAllowEmptyExpiryClaim(false);
        return times;
    }

    /**
     * Our own access tokens, and those of the external issuer when one is configured: a token goes to the decoder of
     * the issuer it names, and is verified with that issuer's keys only.
     */
    private static JwtDecoder accessTokens(JwtDecoder own, TokenSettings.ExternalIssuer external) {
        if (!external.configured()) {
            return own;
        }
        NimbusJwtDecoder theirs = NimbusJwtDecoder.withJwkSetUri(external.jwksUrl())
                .jwtProcessorCustomizer(processor -> processor.setJWTClaimsSetVerifier(TokenClaims.external(external)))
                .build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(external.issuer()),
                strictTimes());
        theirs.setJwtValidator(validator);
        return token -> {
            String issuer;
            try {
                issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
            } catch (ParseException e) {
                throw new BadJwtException("The token is not a JWT", e);
            }
            if (!external.issuer().equals(issuer)) {
                return own.decode(token);
            }
            try {
                return theirs.decode(token);
            } catch (BadJwtException e) {
                throw e;
            } catch (JwtException e) {
                // The issuer's keys could not be fetched: the token cannot be trusted now (and it is no server error).
                throw new BadJwtException("The keys of the issuer " + issuer + " cannot be fetched now", e);
            }
        };
    }

    /** Whether a validated token is one of ours (or else the external issuer's). */
    static boolean isOwn(Jwt jwt) {
        return ISSUER.equals(jwt.getClaimAsString("iss"));
    }

    /** An access and a refresh token, and when each expires. */
    public record TokenPair(String accessToken, String refreshToken, Instant accessExpires, Instant refreshExpires) {
    }

    /** Issues a pair of tokens to a user in their current session, as of {@code now}. */
    public TokenPair issue(int customer, String user, UUID session, Instant now) {
        Instant accessExpires = now.plus(settings.accessTtl());
        Instant refreshExpires = now.plus(settings.refreshTtl());
        return new TokenPair(
                sign(ACCESS_TYPE, claims(customer, user, session, now, accessExpires).audience(settings.audience())
                        .claim("client_id", ISSUER).claim("token_type", ACCESS).build()),
                sign(REFRESH_TYPE, claims(customer, user, session, now, refreshExpires).audience(REFRESH_AUDIENCE)
                        .claim("token_type", REFRESH).build()),
                accessExpires, refreshExpires);
    }

    private static JWTClaimsSet.Builder claims(int customer, String user, UUID session, Instant now, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user)
                .claim("customer", customer)
                .claim("sid", session.toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString());
    }

    private String sign(JOSEObjectType type, JWTClaimsSet claims) {
        RSAKey key = keys.signing();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("the signing key " + key.getKeyID() + " cannot sign", e);
        }
        return jwt.serialize();
    }

    /** Validates an access token's signature, type, issuer, audience, times and claims; the session is checked by UserSessions. */
    JwtDecoder accessTokens() {
        return accessTokens;
    }

    /**
     * The claims of a valid refresh token.
     *
     * @throws org.springframework.security.oauth2.jwt.JwtException when it is not one
     */
    public Jwt decodeRefreshToken(String token) {
        return refreshTokens.decode(token);
    }
}
