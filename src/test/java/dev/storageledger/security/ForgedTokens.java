package dev.storageledger.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import com.nimbusds.jwt.SignedJWT;
import dev.storageledger.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tokens that a test makes itself, as an attacker who holds a signing key would: with the ledger's real signing key,
 * read from the database and decrypted as the service decrypts it (with the tests' key encryption key), or with a key
 * the test made. The claims start as the ledger's own and each test changes what it is about.
 */
final class ForgedTokens {

    static final KeyEncryptionKey TESTS_KEY_ENCRYPTION_KEY =
            new KeyEncryptionKey(Base64.getDecoder().decode(IntegrationTest.TOKEN_KEY_ENCRYPTION_KEY));

    private ForgedTokens() {
    }

    /** The key that signs the ledger's tokens now, private half included. */
    static RSAKey signingKey(JdbcClient jdbc) throws Exception {
        return jdbc.sql("SELECT id, sealed_private_key, public_key FROM signing_key WHERE retired_at IS NULL")
                .query((row, number) -> {
                    String id = row.getString("id");
                    try {
                        KeyFactory rsa = KeyFactory.getInstance("RSA");
                        RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(row.getBytes("public_key")));
                        RSAPrivateKey privateKey = (RSAPrivateKey) rsa.generatePrivate(
                                new PKCS8EncodedKeySpec(TESTS_KEY_ENCRYPTION_KEY.open(id, row.getBytes("sealed_private_key"))));
                        return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(id).build();
                    } catch (java.security.GeneralSecurityException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .single();
    }

    /** The claims of an access token of the ledger, as it issues them, valid for a few minutes from now. */
    static JWTClaimsSet.Builder access(int customer, String user, UUID session) {
        return common(customer, user, session, Duration.ofMinutes(5)).audience("storage-ledger").claim("client_id", "storage-ledger")
                .claim("token_type", "access");
    }

    /** The claims of a refresh token of the ledger, as it issues them, valid for a few minutes from now. */
    static JWTClaimsSet.Builder refresh(int customer, String user, UUID session) {
        return common(customer, user, session, Duration.ofMinutes(5)).audience("storage-ledger-refresh").claim("token_type", "refresh");
    }

    private static JWTClaimsSet.Builder common(int customer, String user, UUID session, Duration lifetime) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("storage-ledger")
                .subject(user)
                .claim("customer", customer)
                .claim("sid", session.toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** {@code claims} signed with RS256 by {@code key}, with the header type {@code type} (none when null). */
    static String sign(RSAKey key, JOSEObjectType type, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /**
     * A claim whose value's encoding holds '/' and '+' in the standard base64 alphabet ('_' and '-' in base64url),
     * wherever it falls: any six bytes in a row hold one whole group of three.
     */
    static final String SLASHES_AND_PLUSES = "??????>>>>>>";

    /**
     * {@code header} and {@code claims} written with {@code encoder}, and signed by {@code signature} over what it
     * wrote: a token whose signature is good for the text it carries, whatever the alphabet.
     */
    static String encoded(Base64.Encoder encoder, JWSHeader header, JWTClaimsSet claims, UnaryOperator<byte[]> signature) {
        String input = encoder.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return input + "." + encoder.encodeToString(signature.apply(input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** RS256 signatures by {@code key}. */
    static UnaryOperator<byte[]> rs256(RSAKey key) {
        return input -> {
            try {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initSign(key.toRSAPrivateKey());
                rsa.update(input);
                return rsa.sign();
            } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** HS256 signatures with {@code secret}. */
    static UnaryOperator<byte[]> hs256(byte[] secret) {
        return input -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac.doFinal(input);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
