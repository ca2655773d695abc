package dev.storageledger.security;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Keys and the hashes of their secrets. No secret is ever stored. */
@Repository
class KeyRepository {

    private final JdbcClient jdbc;

    KeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The advisory locks that keep two issues of a customer's keys from both seeing room for one more. */
    private static final int KEYS_OF_CUSTOMER = 0x4B455953; // "KEYS"

    record StoredKey(String key, int customer, byte[] secretHash) {
    }

    /**
     * Within a transaction: waits until no other transaction is issuing a key of this customer, and keeps them waiting
     * until this one ends, so that counting the customer's keys and adding one are a single step. Nothing else waits.
     */
    void lockKeysOf(int customer) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:namespace, :customer)")
                .param("namespace", KEYS_OF_CUSTOMER)
                .param("customer", customer)
                .query((row, number) -> true)
                .single();
    }

    int count(int customer) {
        return jdbc.sql("SELECT count(*) FROM api_key WHERE customer = :customer")
                .param("customer", customer)
                .query(Integer.class)
                .single();
    }

    void insert(String key, int customer, byte[] secretHash) {
        jdbc.sql("INSERT INTO api_key (key, customer, secret_hash) VALUES (:key, :customer, :hash)")
                .param("key", key)
                .param("customer", customer)
                .param("hash", secretHash)
                .update();
    }

    Optional<StoredKey> find(String key) {
        return jdbc.sql("SELECT key, customer, secret_hash FROM api_key WHERE key = :key")
                .param("key", key)
                .query((row, number) -> new StoredKey(row.getString("key"), row.getInt("customer"), row.getBytes("secret_hash")))
                .optional();
    }

    List<KeyService.KeyInfo> list(int customer) {
        return jdbc.sql("SELECT key, created_at FROM api_key WHERE customer = :customer ORDER BY created_at, key")
                .param("customer", customer)
                .query((row, number) -> new KeyService.KeyInfo(row.getString("key"),
                        row.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    boolean delete(int customer, String key) {
        return jdbc.sql("DELETE FROM api_key WHERE customer = :customer AND key = :key")
                .param("customer", customer)
                .param("key", key)
                .update() == 1;
    }

    /** Stores the administrator's generated secret's hash unless one is stored; answers the stored hash. */
    byte[] adminSecretHash(String key, byte[] candidateHash) {
        jdbc.sql("INSERT INTO admin_credential (key, secret_hash) VALUES (:key, :hash) ON CONFLICT (key) DO NOTHING")
                .param("key", key)
                .param("hash", candidateHash)
                .update();
        return jdbc.sql("SELECT secret_hash FROM admin_credential WHERE key = :key")
                .param("key", key)
                .query(byte[].class)
                .single();
    }
}
