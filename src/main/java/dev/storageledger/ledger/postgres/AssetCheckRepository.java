package dev.storageledger.ledger.postgres;

import dev.storageledger.database.TransactionTime;
import dev.storageledger.ledger.AssetRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The marker of an asset whose real storage is being checked: set when a check starts, cleared when it ends. */
@Repository
public class AssetCheckRepository {

    private final JdbcClient jdbc;
    private final TransactionTime time;

    AssetCheckRepository(JdbcClient jdbc, TransactionTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    /** A statement with its {@code :now} bound (the transaction's time; a statement without one ignores it). */
    private JdbcClient.StatementSpec statement(String sql) {
        return jdbc.sql(sql).param("now", time.parameter());
    }

    /** Marks an asset as being checked; false when there is no such asset. */
    public boolean startChecking(int customer, AssetRef ref) {
        return statement("UPDATE asset SET checking_since = CAST(:now AS timestamptz) WHERE customer = :customer AND space = :space AND id = :id")
                .param("customer", customer)
                .param("space", ref.space())
                .param("id", ref.asset())
                .update() == 1;
    }

    /** Ends an asset's check: its figures are the measured ones from now. */
    public void finishChecking(int customer, AssetRef ref) {
        statement("UPDATE asset SET checking_since = NULL, last_checked = CAST(:now AS timestamptz) WHERE customer = :customer AND space = :space AND id = :id")
                .param("customer", customer)
                .param("space", ref.space())
                .param("id", ref.asset())
                .update();
    }
}
