package dev.storageledger.ledger.postgres;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The bound on a write transaction's waits for row locks. */
@Repository
public class LockTimeoutRepository {

    private final JdbcClient jdbc;

    LockTimeoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes every wait for a lock in the current transaction fail after {@code timeout} (SQLState 55P03) rather than
     * last until the statement's timeout: a transaction that holds a totals row too long then delays the writes behind
     * it by this much at most. Ends with the transaction.
     */
    public void limitLockWaits(Duration timeout) {
        jdbc.sql("SELECT set_config('lock_timeout', :timeout, true)").param("timeout", timeout.toMillis() + "ms").query(String.class).single();
    }
}
