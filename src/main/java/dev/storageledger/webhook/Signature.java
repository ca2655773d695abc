package dev.storageledger.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks' signature: {@code v1,} and the base64 of the HMAC-SHA256, keyed with the secret's bytes (the
 * base64 after "whsec_"), of the message id, the Unix timestamp and the body joined by dots.
 */
public final class Signature {

    public static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signature() {
    }

    /** 32 random bytes: a new subscription's secret. */
    static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The secret as shown to a subscriber: "whsec_" and its base64. */
    static String shown(byte[] secret) {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(secret);
    }

    /** The value of the webhook-signature header. */
    public static String sign(byte[] secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
