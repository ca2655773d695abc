package dev.storageledger.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign users' tokens, kept in the database so that every instance and restart shares them: the one
 * that signs (not retired, its private half encrypted), and those it replaced, which keep only their public half
 * until every token they signed has expired. Times are the database's, so that every instance agrees on them.
 */
@Repository
class SigningKeyRepository {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    SigningKeyRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * A key as stored: {@code sealedPrivateKey} (encrypted by {@link KeyEncryptionKey}) only while it signs, that is
     * while {@code retiredAt} is null.
     */
    record StoredKey(String id, byte[] sealedPrivateKey, byte[] publicKey, Instant createdAt, Instant retiredAt) {
        boolean signs() {
            return retiredAt == null;
        }
    }

    /** A key about to be stored: its id, its encrypted private half and its public half (X.509). */
    record NewKey(String id, byte[] sealedPrivateKey, byte[] publicKey) {
    }

    /** Every stored key, the newest first. */
    List<StoredKey> all() {
        return jdbc.sql("SELECT id, sealed_private_key, public_key, created_at, retired_at FROM signing_key ORDER BY created_at DESC, id")
                .query((row, number) -> new StoredKey(row.getString("id"), row.getBytes("sealed_private_key"), row.getBytes("public_key"),
                        row.getTimestamp("created_at").toInstant(),
                        row.getTimestamp("retired_at") == null ? null : row.getTimestamp("retired_at").toInstant()))
                .list();
    }

    /** Stores {@code key} as the signing key unless one signs already (another instance may have just made one). */
    void storeUnlessOneSigns(NewKey key) {
        jdbc.sql("INSERT INTO signing_key (id, sealed_private_key, public_key) VALUES (:id, :sealed, :public) ON CONFLICT DO NOTHING")
                .param("id", key.id())
                .param("sealed", key.sealedPrivateKey())
                .param("public", key.publicKey())
                .update();
    }

    /**
     * Retires the signing key and stores {@code next} in its place, in one transaction, when the signing key is at
     * least {@code age} old (a zero age: whatever its age). Its private half is erased: it never signs again. When
     * several instances rotate at once, one does and the others change nothing.
     *
     * @return the id of the key retired, if this call retired one
     */
    Optional<String> rotate(Duration age, NewKey next) {
        return transactions.execute(status -> {
            Optional<String> retired = jdbc.sql("""
                            UPDATE signing_key SET retired_at = now(), sealed_private_key = NULL
                            WHERE retired_at IS NULL AND created_at <= now() - make_interval(secs => :seconds)
                            RETURNING id""")
                    .param("seconds", age.toMillis() / 1000.0)
                    .query(String.class)
                    .optional();
            retired.ifPresent(id -> storeUnlessOneSigns(next));
            return retired;
        });
    }

    /**
     * Removes the keys retired over {@code kept} ago: every token they signed has expired by then.
     *
     * @return the ids of the keys removed
     */
    List<String> removeRetiredBefore(Duration kept) {
        return jdbc.sql("DELETE FROM signing_key WHERE retired_at < now() - make_interval(secs => :seconds) RETURNING id")
                .param("seconds", kept.toMillis() / 1000.0)
                .query(String.class)
                .list();
    }
}
