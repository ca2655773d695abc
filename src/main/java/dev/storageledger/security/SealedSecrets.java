package dev.storageledger.security;

import org.springframework.stereotype.Component;

/**
 * Secrets that the ledger must read back to use (such as a webhook's signing secret), kept in the database encrypted
 * with the key-encryption key that encrypts the token signing key (LEDGER_TOKEN_KEY_ENCRYPTION_KEY, or the key file of
 * the embedded database's folder): a dump or a backup of the database alone cannot reveal them. Each is bound to its
 * purpose and owner's id, so an encrypted secret moved to another row does not decrypt.
 */
@Component
public class SealedSecrets {

    private final KeyEncryptionKey encryption;

    SealedSecrets(SigningKeys keys) {
        this.encryption = keys.encryption();
    }

    /** {@code secret} encrypted for {@code owner} (such as "webhook:" and the subscription's id). */
    public byte[] seal(String owner, byte[] secret) {
        return encryption.seal(owner, secret);
    }

    /** The secret that {@link #seal} encrypted for {@code owner}; fails when another key or owner encrypted it. */
    public byte[] open(String owner, byte[] sealed) {
        return encryption.open(owner, sealed);
    }
}
