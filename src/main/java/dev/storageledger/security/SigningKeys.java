package dev.storageledger.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.storageledger.DataFolder;
import dev.storageledger.LedgerProperties;
import dev.storageledger.TokenSettings;
import dev.storageledger.database.DatabaseReady;
import dev.storageledger.failure.Failure;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The keys of users' tokens: one signs, the ones it replaced still verify the tokens they signed until those expire,
 * and all of them are published (their public halves) in the JWK Set. A new key takes over when the signing key is
 * {@code LEDGER_TOKEN_KEY_ROTATION} old (checked every minute by every instance, and at start) or when the
 * administrator rotates it; a retired key is removed once the longest-lived token it can have signed has expired.
 *
 * <p>Each instance keeps the keys in memory and reads them again every minute, and at once (at most every few
 * seconds) when a token names a key it does not know, which is how it learns of a key another instance made. An
 * instance may sign with a retired key until it reads the keys again: a retired key is kept a few minutes longer than
 * its tokens live to cover that.
 */
@Service
public class SigningKeys implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    /** How often every instance reads the keys again (and rotates or removes them when due). */
    static final Duration CHECK_INTERVAL = Duration.ofMinutes(1);
    /** A retired key is kept this much longer than its tokens may live: instances may sign with it until they read again. */
    private static final Duration RETIRED_MARGIN = CHECK_INTERVAL.multipliedBy(5);
    /** An unknown key id in a token makes this instance read the keys again, but not more often than this. */
    private static final Duration UNKNOWN_KEY_RELOAD_INTERVAL = Duration.ofSeconds(5);

    private final SigningKeyRepository repository;
    private final KeyEncryptionKey encryption;
    private final Duration rotation;
    private final Duration kept;
    private final AtomicReference<Ring> ring = new AtomicReference<>();
    private volatile Instant lastRead = Instant.EPOCH;

    /** The signing key, with its private half, and every key that verifies (the signing key too). */
    private record Ring(RSAKey signing, JWKSet verifying) {
    }

    /** What a rotation did: the key that signs now, the keys that verify now, and the retired keys it removed. */
    public record Rotation(String signingKey, List<String> verificationKeys, List<String> removedKeys) {
        public Rotation {
            verificationKeys = List.copyOf(verificationKeys);
            removedKeys = List.copyOf(removedKeys);
        }
    }

    // The repository comes first: the embedded database is started (and its data folder made) before the key file in
    // that folder is looked for.
    SigningKeys(SigningKeyRepository repository, TokenSettings tokens, LedgerProperties.Database db, DataFolder dataFolder) {
        this.repository = repository;
        this.encryption = KeyEncryptionKey.of(tokens, db, dataFolder);
        this.rotation = tokens.keyRotation();
        Duration longestToken = tokens.accessTtl().compareTo(tokens.refreshTtl()) >= 0 ? tokens.accessTtl() : tokens.refreshTtl();
        this.kept = longestToken.plus(TokenService.CLOCK_SKEW).plus(RETIRED_MARGIN);
    }

    /**
     * Reads the keys (making the first one, on a new database) at start, as soon as the database answers: the service
     * starts without its database, and is ready once this has run.
     */
    @EventListener(DatabaseReady.class)
    void load() {
        if (repository.all().stream().noneMatch(SigningKeyRepository.StoredKey::signs)) {
            // A 2048-bit key pair takes a while to make: only the first start of a database makes one (and the first
            // start after the version that stored keys in plain form, whose key the migration V5 removed).
            repository.storeUnlessOneSigns(generate());
        }
        rotateWhenOlderThan(rotation);
    }

    /** Rotates the signing key when it is due, removes the retired keys whose tokens have all expired, reads the keys again. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void maintain() {
        if (ring.get() == null) {
            return; // not loaded yet: the database has not answered since the start
        }
        try {
            rotateWhenOlderThan(rotation);
        } catch (DataAccessException e) {
            log.warn("The signing keys were not maintained this minute: the database failed ({})", e.getClass().getSimpleName());
        }
    }

    /** The key that encrypts secrets in the database (this one's private keys, and webhooks' secrets). */
    KeyEncryptionKey encryption() {
        return encryption;
    }

    /** A new signing key now, whatever the age of the current one (the administrator's rotation). */
    public Rotation rotate() {
        return rotateWhenOlderThan(Duration.ZERO);
    }

    private synchronized Rotation rotateWhenOlderThan(Duration age) {
        List<SigningKeyRepository.StoredKey> keys = repository.all();
        boolean due = keys.stream().filter(SigningKeyRepository.StoredKey::signs)
                .anyMatch(key -> !key.createdAt().isAfter(Instant.now().minus(age)));
        if (due) {
            // Made outside the transaction (it takes a while); the database's clock decides whether it is used.
            repository.rotate(age, generate())
                    .ifPresent(retired -> log.info("Signing key {} retired: a new key signs users' tokens", retired));
        }
        List<String> removed = repository.removeRetiredBefore(kept);
        if (!removed.isEmpty()) {
            log.info("Removed the retired signing keys {}: every token they signed has expired", removed);
        }
        Ring now = read();
        return new Rotation(now.signing().getKeyID(), now.verifying().getKeys().stream().map(JWK::getKeyID).toList(), removed);
    }

    /** Reads the keys from the database into memory. */
    private Ring read() {
        List<SigningKeyRepository.StoredKey> stored = repository.all();
        RSAKey signing = null;
        List<JWK> verifying = new ArrayList<>();
        for (SigningKeyRepository.StoredKey key : stored) {
            RSAPublicKey publicKey = publicKey(key);
            if (key.signs()) {
                Ring current = ring.get();
                signing = current != null && current.signing().getKeyID().equals(key.id())
                        ? current.signing()
                        : build(key.id(), publicKey).privateKey(privateKey(key)).build();
            }
            verifying.add(build(key.id(), publicKey).build());
        }
        if (signing == null) {
            // Another instance is between retiring a key and storing the next: keep signing with the key this one has.
            Ring current = ring.get();
            if (current == null) {
                throw new IllegalStateException("no signing key in the database");
            }
            signing = current.signing();
        }
        Ring read = new Ring(signing, new JWKSet(verifying));
        ring.set(read);
        lastRead = Instant.now();
        return read;
    }

    private static RSAKey.Builder build(String id, RSAPublicKey publicKey) {
        return new RSAKey.Builder(publicKey).keyID(id).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256);
    }

    private static RSAPublicKey publicKey(SigningKeyRepository.StoredKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(key.publicKey()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the public half of the signing key " + key.id() + " is not an RSA key", e);
        }
    }

    private RSAPrivateKey privateKey(SigningKeyRepository.StoredKey key) {
        byte[] encoded = encryption.open(key.id(), key.sealedPrivateKey());
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the private half of the signing key " + key.id() + " decrypts to no RSA key", e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private SigningKeyRepository.NewKey generate() {
        KeyPairGenerator generator;
        try {
            generator = KeyPairGenerator.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime makes RSA keys", e);
        }
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String id = UUID.randomUUID().toString();
        return new SigningKeyRepository.NewKey(id, encryption.seal(id, pair.getPrivate().getEncoded()), pair.getPublic().getEncoded());
    }

    /** The key that signs new tokens now, with its private half. */
    RSAKey signing() {
        return loaded().signing();
    }

    /**
     * The public keys that match {@code selector} (a token's key id and algorithm). A key id this instance does not
     * know makes it read the keys again, at most every few seconds, since another instance may have made it.
     */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> found = selector.select(loaded().verifying());
        if (found.isEmpty() && Instant.now().isAfter(lastRead.plus(UNKNOWN_KEY_RELOAD_INTERVAL))) {
            synchronized (this) {
                if (Instant.now().isAfter(lastRead.plus(UNKNOWN_KEY_RELOAD_INTERVAL))) {
                    readQuietly();
                }
            }
            found = selector.select(loaded().verifying());
        }
        return found;
    }

    private void readQuietly() {
        try {
            read();
        } catch (RuntimeException e) {
            // The keys this instance has still verify and sign; the next check tries again.
            lastRead = Instant.now();
            log.warn("Could not read the signing keys again", e);
        }
    }

    /** The keys as read; until the database has answered once since the start, the service cannot sign or verify. */
    private Ring loaded() {
        Ring current = ring.get();
        if (current == null) {
            throw Failure.unavailable("The ledger is starting and its database is not ready yet; retry later");
        }
        return current;
    }

    /** The public keys, as a JWK Set document (RFC 7517). */
    public Map<String, Object> jwks() {
        return loaded().verifying().toPublicJWKSet().toJSONObject();
    }
}
