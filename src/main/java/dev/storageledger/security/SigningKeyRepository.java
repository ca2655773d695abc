package dev.storageledger.security;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The key pair that signs users' tokens, kept in the database so that every instance and restart shares it. */
@Repository
class SigningKeyRepository {

    private final JdbcClient jdbc;

    SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StoredKey(String id, byte[] privateKey, byte[] publicKey) {
    }

    Optional<StoredKey> find() {
        return jdbc.sql("SELECT id, private_key, public_key FROM signing_key")
                .query((row, number) -> new StoredKey(row.getString("id"), row.getBytes("private_key"), row.getBytes("public_key")))
                .optional();
    }

    /** Stores {@code candidate} unless a key is stored (another instance may have just made one); answers the stored key. */
    StoredKey storeOrGet(StoredKey candidate) {
        jdbc.sql("INSERT INTO signing_key (id, private_key, public_key) VALUES (:id, :private, :public) ON CONFLICT DO NOTHING")
                .param("id", candidate.id())
                .param("private", candidate.privateKey())
                .param("public", candidate.publicKey())
                .update();
        return find().orElseThrow();
    }
}
