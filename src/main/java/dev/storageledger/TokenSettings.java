package dev.storageledger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Users' access tokens (LEDGER_ACCESS_TOKEN_TTL, default 1h) and refresh tokens (LEDGER_REFRESH_TOKEN_TTL,
 * 14d), and an optional external issuer whose access tokens are accepted too.
 *
 * @param audience         the "aud" of the access tokens the ledger issues (LEDGER_TOKEN_AUDIENCE)
 * @param keyEncryptionKey the base64 of the 32 bytes that encrypt the private signing key in the database
 *                         (LEDGER_TOKEN_KEY_ENCRYPTION_KEY); blank: a key file in the data folder, with the
 *                         embedded database only
 * @param keyRotation      how long a signing key signs before a new one replaces it (LEDGER_TOKEN_KEY_ROTATION)
 * @param cloudreve        a Cloudreve site whose own access tokens read the capacity of its users
 */
public record TokenSettings(@NotNull Duration accessTtl, @NotNull Duration refreshTtl, @Valid @NotNull ExternalIssuer external,
        @NotBlank String audience, String keyEncryptionKey, @NotNull @DurationMin(minutes = 1) Duration keyRotation,
        @Valid @NotNull Cloudreve cloudreve) {

    public boolean keyEncryptionKeyConfigured() {
        return keyEncryptionKey != null && !keyEncryptionKey.isBlank();
    }

    /** Never the key itself: this may be logged. */
    @Override
    public String toString() {
        return "TokenSettings[accessTtl=" + accessTtl + ", refreshTtl=" + refreshTtl + ", external=" + external + ", audience="
                + audience + ", keyEncryptionKey=" + (keyEncryptionKeyConfigured() ? "(set)" : "(unset)") + ", keyRotation="
                + keyRotation + ", cloudreve=" + cloudreve + "]";
    }

    /**
     * A Cloudreve site in front of the ledger: its JWT secret (LEDGER_CLOUDREVE_SECRET), its hash id salt
     * (LEDGER_CLOUDREVE_HASHID_SALT) and the ledger customer whose users its users are (LEDGER_CLOUDREVE_CUSTOMER).
     * With all three set, GET /api/v4/user/capacity also takes the access tokens that site issues; off while any is unset.
     */
    public record Cloudreve(String secret, String hashidSalt, @Min(1) Integer customer) {

        public boolean configured() {
            return secretConfigured() && saltConfigured() && customer != null;
        }

        /** Whether some but not all of the three are set: a mistake the service does not start with. */
        public boolean partlyConfigured() {
            return !configured() && (secretConfigured() || saltConfigured() || customer != null);
        }

        private boolean secretConfigured() {
            return secret != null && !secret.isEmpty();
        }

        private boolean saltConfigured() {
            return hashidSalt != null && !hashidSalt.isEmpty();
        }

        /** Neither the secret nor the salt: this may be logged. */
        @Override
        public String toString() {
            return "Cloudreve[secret=" + (secretConfigured() ? "(set)" : "(unset)") + ", hashidSalt="
                    + (saltConfigured() ? "(set)" : "(unset)") + ", customer=" + customer + "]";
        }
    }

    /**
     * Another issuer's tokens (an organisation's identity provider): accepted when their "iss" is {@code issuer} and
     * their signature verifies with a key of the JWK Set at {@code jwksUrl}. The user is "sub" of the customer in
     * {@code customerClaim}, and must exist in the ledger; their roles are read from {@code roleClaim}. Off while
     * the issuer or the URL is blank.
     */
    public record ExternalIssuer(String issuer, String jwksUrl, @NotBlank String roleClaim, @NotBlank String customerClaim) {
        public boolean configured() {
            return issuer != null && !issuer.isBlank() && jwksUrl != null && !jwksUrl.isBlank();
        }
    }
}
