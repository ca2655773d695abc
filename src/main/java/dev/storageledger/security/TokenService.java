package dev.storageledger.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.storageledger.LedgerProperties;
import dev.storageledger.database.DatabaseReady;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Users' tokens (api.md "Cloudreve surface"): an access token (1 hour by default) and a refresh token (14 days),
 * both RS256 JWTs signed with the key pair kept in the database, whose public half is served at
 * /.well-known/jwks.json. Claims: iss, sub (the user id), customer, sid (the user's session, which a new
 * password replaces), token_type ("access" or "refresh"), iat, nbf, exp, jti. Each kind of token is accepted only
 * where it belongs: a refresh token is not an access token. Access tokens of one external issuer may be accepted
 * too (LedgerProperties.ExternalIssuer).
 */
@Service
public class TokenService {

    public static final String ISSUER = "storage-ledger";
    static final String ACCESS = "access";
    static final String REFRESH = "refresh";

    private final SigningKeyRepository keys;
    private final LedgerProperties.Tokens settings;
    /** The key pair and what it signs and verifies with; read from the database once it answers. */
    private volatile SigningKey signingKey;

    private record SigningKey(RSAKey key, RSASSASigner signer, JwtDecoder accessTokens, JwtDecoder refreshTokens) {
    }

    TokenService(SigningKeyRepository keys, LedgerProperties properties) {
        this.keys = keys;
        this.settings = properties.tokens();
    }

    /** The key is read (or made, at the first start on a database) at start, as soon as the database answers. */
    @EventListener(DatabaseReady.class)
    void loadSigningKey() {
        signingKey();
    }

    private SigningKey signingKey() {
        SigningKey known = signingKey;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (signingKey == null) {
                // A 2048-bit key pair takes a while to make: only the first start of a database makes one.
                signingKey = read(keys.find().orElseGet(() -> keys.storeOrGet(generate())), settings.external());
            }
            return signingKey;
        }
    }

    private static SigningKey read(SigningKeyRepository.StoredKey stored, LedgerProperties.ExternalIssuer external) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(stored.publicKey()));
            RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(stored.privateKey()));
            RSAKey key = new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(stored.id()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).build();
            return new SigningKey(key, new RSASSASigner(privateKey), accessTokens(decoder(publicKey, ACCESS), external),
                    decoder(publicKey, REFRESH));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored signing key " + stored.id() + " cannot be read", e);
        }
    }

    private static SigningKeyRepository.StoredKey generate() {
        KeyPairGenerator generator;
        try {
            generator = KeyPairGenerator.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime makes RSA keys", e);
        }
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        return new SigningKeyRepository.StoredKey(UUID.randomUUID().toString(), pair.getPrivate().getEncoded(),
                pair.getPublic().getEncoded());
    }

    private static JwtDecoder decoder(RSAPublicKey publicKey, String tokenType) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey).signatureAlgorithm(SignatureAlgorithm.RS256).build();
        OAuth2TokenValidator<Jwt> type = jwt -> tokenType.equals(jwt.getClaimAsString("token_type"))
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "This is not " + tokenType + " token", null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER), type));
        return decoder;
    }

    /**
     * Our own access tokens, and those of the external issuer when one is configured: a token goes to the decoder of
     * the issuer it names, and is verified with that issuer's keys only.
     */
    private static JwtDecoder accessTokens(JwtDecoder own, LedgerProperties.ExternalIssuer external) {
        if (!external.configured()) {
            return own;
        }
        NimbusJwtDecoder theirs = NimbusJwtDecoder.withJwkSetUri(external.jwksUrl()).build();
        theirs.setJwtValidator(JwtValidators.createDefaultWithIssuer(external.issuer()));
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
        return new TokenPair(sign(customer, user, session, ACCESS, now, accessExpires),
                sign(customer, user, session, REFRESH, now, refreshExpires), accessExpires, refreshExpires);
    }

    private String sign(int customer, String user, UUID session, String type, Instant now, Instant expires) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user)
                .claim("customer", customer)
                .claim("sid", session.toString())
                .claim("token_type", type)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SigningKey signing = signingKey();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signing.key().getKeyID()).type(JOSEObjectType.JWT)
                .build(), claims);
        try {
            jwt.sign(signing.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("an RSA key that signed before cannot sign now", e);
        }
        return jwt.serialize();
    }

    /** Validates an access token's signature, issuer, times and type; the session is checked by UserTokens. */
    JwtDecoder accessTokens() {
        return token -> signingKey().accessTokens().decode(token);
    }

    /**
     * The claims of a valid refresh token.
     *
     * @throws org.springframework.security.oauth2.jwt.JwtException when it is not one
     */
    public Jwt decodeRefreshToken(String token) {
        return signingKey().refreshTokens().decode(token);
    }

    /** The public key, as a JWK Set document. */
    public Map<String, Object> jwks() {
        return new JWKSet(signingKey().key().toPublicJWK()).toJSONObject();
    }
}
