package dev.storageledger.ledger.postgres;

import dev.storageledger.ledger.AssetRef;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The marker of an asset whose real storage is being checked: set when a check starts, cleared when it ends. */
@Repository
public class AssetCheckRepository {

    private final JdbcClient jdbc;

    AssetCheckRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks an asset as being checked; false when there is no such asset. */
    public boolean startChecking(int customer, AssetRef ref) {
        return jdbc.sql("UPDATE asset SET checking_since = now() WHERE customer = :customer AND space = :space AND id = :id")
                .param("customer", customer)
                .param("space", ref.space())
                .param("id", ref.asset())
                .update() == 1;
    }

    /** Ends an asset's check: its figures are the measured ones from now. */
    public void finishChecking(int customer, AssetRef ref) {
        jdbc.sql("UPDATE asset SET checking_since = NULL, last_checked = now() WHERE customer = :customer AND space = :space AND id = :id")
                .param("customer", customer)
                .param("space", ref.space())
                .param("id", ref.asset())
                .update();
    }
}
