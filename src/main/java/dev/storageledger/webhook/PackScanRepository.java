package dev.storageledger.webhook;

import static dev.storageledger.webhook.WebhookRepository.instant;

import dev.storageledger.database.TransactionTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The scans of storage packs for the expiries to announce, each pack marked so that it is announced once. */
@Repository
class PackScanRepository {

    private final JdbcClient jdbc;
    private final TransactionTime time;

    PackScanRepository(JdbcClient jdbc, TransactionTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    /** A pack whose expiry is to be announced. */
    record Pack(int customer, String user, String id, String name, long size, Instant expiresAt) {
    }

    /**
     * Marks, and answers, the packs that expire within {@code notice} and have not been announced as expiring (or, when
     * {@code expired}, that have expired and not been announced as such); rows another instance is marking are skipped.
     */
    List<Pack> markPacks(boolean expired, Duration notice) {
        String column = expired ? "expired_announced" : "expiring_announced";
        String due = expired ? "expires_at <= CAST(:now AS timestamptz)"
                : "expires_at > CAST(:now AS timestamptz) AND expires_at <= CAST(:now AS timestamptz) + make_interval(secs => :notice)";
        return jdbc.sql("""
                        WITH due AS (
                            SELECT customer, user_id, id FROM storage_pack WHERE NOT %1$s AND %2$s
                            ORDER BY expires_at LIMIT 1000 FOR UPDATE SKIP LOCKED
                        )
                        UPDATE storage_pack p SET %1$s = true FROM due
                        WHERE p.customer = due.customer AND p.user_id = due.user_id AND p.id = due.id
                        RETURNING p.customer, p.user_id, p.id, p.name, p.size, p.expires_at
                        """.formatted(column, due))
                .param("notice", (double) notice.toSeconds())
                .param("now", time.parameter())
                .query((row, number) -> new Pack(row.getInt("customer"), row.getString("user_id"), row.getString("id"),
                        row.getString("name"), row.getLong("size"), instant(row, "expires_at")))
                .list();
    }
}
