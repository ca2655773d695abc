package dev.storageledger.security;

import dev.storageledger.DataFolder;
import dev.storageledger.LedgerProperties;
import dev.storageledger.SettingsException;
import dev.storageledger.TokenSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that encrypts the private signing key in the database, so that the database alone (a dump, a backup, a
 * replica) cannot sign a token. AES-256-GCM, a random 96-bit nonce for each encryption, and the signing key's id as
 * associated data (an encrypted key moved to another row's id does not decrypt). Stored form: a version byte, the
 * nonce, then the ciphertext and its 128-bit tag.
 *
 * <p>Where the key comes from: LEDGER_TOKEN_KEY_ENCRYPTION_KEY (the base64 of 32 bytes); else, with the embedded
 * database, the file {@value #FILE_NAME} in its data folder, made at the first start (mode 0600) and kept; else
 * (an external database and no setting) nowhere: the service refuses to start, because a file on one instance's disk
 * cannot serve several instances, and a key that the database holds would protect nothing.
 */
final class KeyEncryptionKey {

    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKey.class);
    static final String FILE_NAME = "token-key-encryption.key";
    static final String SETTING = "LEDGER_TOKEN_KEY_ENCRYPTION_KEY";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte VERSION = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    KeyEncryptionKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** The key of these settings (see the class's comment), made into the data folder at the first start. */
    static KeyEncryptionKey of(TokenSettings tokens, LedgerProperties.Database db, DataFolder dataFolder) {
        if (tokens.keyEncryptionKeyConfigured()) {
            return new KeyEncryptionKey(decode(tokens.keyEncryptionKey().trim(), SETTING));
        }
        if (db.external()) {
            throw new SettingsException("With an external database (LEDGER_DB_URL), " + SETTING + " must be set",
                    "Set " + SETTING + " to the base64 of 32 random bytes (for example the output of `openssl rand -base64 32`), "
                            + "the same on every instance, and keep it apart from the database's backups: it encrypts the private key "
                            + "that signs users' tokens, which the database keeps.");
        }
        return new KeyEncryptionKey(inFile(dataFolder.path().toAbsolutePath().normalize().resolve(FILE_NAME)));
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notStandard) {
            try {
                key = Base64.getUrlDecoder().decode(base64);
            } catch (IllegalArgumentException notBase64) {
                throw new SettingsException(source + " is not base64", "Set it to the base64 of 32 random bytes, for example the "
                        + "output of `openssl rand -base64 32`.");
            }
        }
        if (key.length != KEY_BYTES) {
            throw new SettingsException(source + " holds " + key.length + " bytes, not " + KEY_BYTES, "Set it to the base64 of "
                    + "32 random bytes, for example the output of `openssl rand -base64 32`.");
        }
        return key;
    }

    /** The key in {@code file}, which is made (readable by its owner only) when it does not exist yet. */
    private static byte[] inFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[KEY_BYTES];
                RANDOM.nextBytes(key);
                try {
                    write(file, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
                    log.info("Made the key that encrypts the token signing key: {} (keep it apart from the database's backups)", file);
                    return key;
                } catch (FileAlreadyExistsException madeMeanwhile) {
                    // another start on the same folder made it first: read that one
                }
            }
            ownerOnly(file);
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or make the key file " + file, e);
        }
    }

    private static void write(Path file, byte[] content) throws IOException {
        boolean posix = Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null;
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            channel.write(ByteBuffer.wrap(content));
            channel.force(true);
        }
    }

    /** A key file that others may read is made private again, and said so. */
    private static void ownerOnly(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (!ownerOnly.containsAll(permissions)) {
            log.warn("The key file {} was readable by others ({}); it is made readable by its owner only", file,
                    PosixFilePermissions.toString(permissions));
            Files.setPosixFilePermissions(file, ownerOnly);
        }
    }

    /** {@code privateKey} encrypted for the signing key {@code keyId}. */
    byte[] seal(String keyId, byte[] privateKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keyId, nonce);
            byte[] ciphertext = cipher.doFinal(privateKey);
            return ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length).put(VERSION).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime encrypts with AES-GCM", e);
        }
    }

    /**
     * The private key that {@link #seal} encrypted for {@code keyId}.
     *
     * @throws SettingsException when it was encrypted with another key, for another key id, or has been altered
     */
    byte[] open(String keyId, byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw cannotDecrypt(keyId);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, keyId, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException wrongKey) {
            // GCM's tag does not say more than that: another key, another key id, or altered bytes.
            throw cannotDecrypt(keyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime decrypts with AES-GCM", e);
        }
    }

    private static SettingsException cannotDecrypt(String keyId) {
        return new SettingsException("The token signing key " + keyId + " in the database cannot be decrypted with this key "
                + "encryption key: it was encrypted with another one", "Give every instance the key that encrypted it: the same "
                + SETTING + " (or, with the embedded database, the " + FILE_NAME + " of its data folder).");
    }

    private Cipher cipher(int mode, String keyId, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
