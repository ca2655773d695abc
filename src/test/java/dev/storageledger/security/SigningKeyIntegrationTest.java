package dev.storageledger.security;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storageledger.SettingsException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The signing keys at rest and over time: what the database holds signs nothing without the key encryption key, a
 * new key takes over without ending the tokens the old one signed, and a retired key goes once they have expired.
 */
class SigningKeyIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "signing-key-password";

    @Autowired
    private SigningKeys keys;

    private int customer;

    @BeforeEach
    void aUser() {
        customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "kim", object("password", PASSWORD, "quota", 5000));
    }

    /** A dump of the table (what a backup or a replica holds) gives the bytes below, and no key. */
    @Test
    void the_signing_key_table_alone_yields_no_private_key() throws Exception {
        List<String> columns = jdbc.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'signing_key'")
                .query(String.class).list();
        List<Map<String, Object>> rows = jdbc.sql("SELECT id, sealed_private_key, public_key, retired_at FROM signing_key")
                .query().listOfRows();
        Map<String, Object> signing = rows.stream().filter(row -> row.get("retired_at") == null).findFirst().orElseThrow();
        String id = (String) signing.get("id");
        byte[] stored = (byte[]) signing.get("sealed_private_key");
        byte[] wrongKey = new byte[32];
        new SecureRandom().nextBytes(wrongKey);
        KeyFactory rsa = KeyFactory.getInstance("RSA");

        assertThat(columns).contains("sealed_private_key", "public_key").doesNotContain("private_key");
        assertThat(rows).filteredOn(row -> row.get("retired_at") != null)
                .allSatisfy(row -> assertThat(row.get("sealed_private_key")).isNull());
        assertThatThrownBy(() -> rsa.generatePrivate(new PKCS8EncodedKeySpec(stored))).isInstanceOf(InvalidKeySpecException.class);
        assertThatThrownBy(() -> new KeyEncryptionKey(wrongKey).open(id, stored)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("cannot be decrypted");
        // The key id is bound to the ciphertext: the bytes copied into another key's row do not decrypt either.
        assertThatThrownBy(() -> ForgedTokens.TESTS_KEY_ENCRYPTION_KEY.open("another-" + id, stored))
                .isInstanceOf(SettingsException.class);

        // With the key encryption key, and only with it, the bytes are the private half of the published key.
        PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(ForgedTokens.TESTS_KEY_ENCRYPTION_KEY.open(id, stored)));
        PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec((byte[]) signing.get("public_key")));
        assertThat(signs(privateKey, publicKey)).isTrue();
    }

    private static boolean signs(PrivateKey privateKey, PublicKey publicKey) throws Exception {
        byte[] message = "a message".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(message);
        return verifier.verify(signature);
    }

    @Test
    void a_token_signed_before_a_rotation_still_works_after_it_and_tokens_signed_after_carry_the_new_key() throws Exception {
        JsonNode before = login(Given.email(customer, "kim"), PASSWORD);
        String oldKey = keyOf(before.get("access_token").stringValue());

        LedgerClient.Response rotation = admin().post("/admin/signing-keys/rotation", null);

        assertThat(rotation.status()).as(rotation.body()).isEqualTo(200);
        String newKey = rotation.json().get("signingKey").stringValue();
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(texts(rotation.json().get("verificationKeys"))).contains(oldKey, newKey);
        assertThat(publishedKeys()).contains(oldKey, newKey);
        assertThat(capacityCode(before.get("access_token").stringValue())).isZero();
        JsonNode refreshed = refresh(before.get("refresh_token").stringValue());
        assertThat(refreshed.get("code").asInt()).as(refreshed.toString()).isZero();
        assertThat(keyOf(refreshed.get("data").get("token").get("access_token").stringValue())).isEqualTo(newKey);
        assertThat(keyOf(login(Given.email(customer, "kim"), PASSWORD).get("access_token").stringValue())).isEqualTo(newKey);
    }

    @Test
    void a_signing_key_older_than_the_rotation_setting_is_replaced_by_the_check_that_every_instance_runs() throws Exception {
        String access = login(Given.email(customer, "kim"), PASSWORD).get("access_token").stringValue();
        String oldKey = keyOf(access);
        jdbc.sql("UPDATE signing_key SET created_at = now() - interval '31 days' WHERE id = :id").param("id", oldKey).update();

        keys.maintain();

        String newKey = keyOf(login(Given.email(customer, "kim"), PASSWORD).get("access_token").stringValue());
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(publishedKeys()).contains(oldKey, newKey);
        assertThat(capacityCode(access)).isZero();
    }

    /**
     * A key another instance retired (installed here by the test, which keeps its private half to sign with) verifies
     * its tokens; once it was retired longer ago than a refresh token lives, it is removed and its tokens are refused.
     */
    @Test
    void a_retired_key_verifies_its_tokens_until_they_have_all_expired_then_it_is_removed() throws Exception {
        RSAKey retired = new RSAKeyGenerator(2048).keyID("retired-" + UUID.randomUUID()).generate();
        jdbc.sql("""
                        INSERT INTO signing_key (id, public_key, created_at, retired_at)
                        VALUES (:id, :public, now() - interval '40 days', now())""")
                .param("id", retired.getKeyID()).param("public", retired.toRSAPublicKey().getEncoded()).update();
        UUID session = jdbc.sql("SELECT session FROM user_account WHERE customer = :customer AND id = 'kim'")
                .param("customer", customer).query(UUID.class).single();
        String token = ForgedTokens.sign(retired, new JOSEObjectType("at+jwt"), ForgedTokens.access(customer, "kim", session).build());

        // This instance learns of the key when a token names it (at most every few seconds).
        Poll.until(() -> capacityCode(token) == 0, Duration.ofSeconds(30));
        assertThat(publishedKeys()).contains(retired.getKeyID());

        jdbc.sql("UPDATE signing_key SET retired_at = now() - interval '15 days' WHERE id = :id").param("id", retired.getKeyID()).update();
        JsonNode rotation = admin().post("/admin/signing-keys/rotation", null).json();

        assertThat(texts(rotation.get("removedKeys"))).containsExactly(retired.getKeyID());
        assertThat(publishedKeys()).doesNotContain(retired.getKeyID());
        assertThat(capacityCode(token)).isEqualTo(401);
    }

    private static String keyOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private List<String> publishedKeys() {
        List<String> ids = new ArrayList<>();
        anonymous().get("/.well-known/jwks.json").json().get("keys").forEach(key -> ids.add(key.get("kid").stringValue()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.stringValue()));
        return texts;
    }

    private int capacityCode(String token) {
        return bearer(token).get("/api/v4/user/capacity").json().get("code").asInt();
    }

    private JsonNode refresh(String token) {
        return anonymous().post("/api/v4/session/token/refresh", object("refresh_token", token)).json();
    }
}
