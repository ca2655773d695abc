package dev.storageledger.bench.baseline;

import dev.storageledger.failure.Failure;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The database-side baseline, never used to serve a real write: the accounting a careful DBA builds in the database
 * itself. The writer's one statement puts the asset rows; AFTER triggers on that table move the space's, owner's and
 * customer's totals in the same transaction, and CHECK constraints on the totals refuse a write over a limit (see
 * R__bench_baselines.sql). Its tables are its own, like the naive design's. Present only when
 * ledger.benchmark.enabled is true.
 */
@Repository
@ConditionalOnBooleanProperty("ledger.benchmark.enabled")
public class TriggerLedgerRepository {

    /** One asset's record: its space, its id, its sizes. */
    public record Row(int space, String asset, long size, long thumbnailSize) {
    }

    private final JdbcClient jdbc;

    TriggerLedgerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Puts a customer's records in one auto-committed statement: new assets inserted, stored ones replaced; the
     * triggers move the totals by the difference.
     *
     * @throws Failure (507, as the ledger answers) when a total would pass its limit: a CHECK constraint failed the
     *                statement, and nothing is written
     */
    public void record(int customer, List<Row> rows) {
        try {
            put(customer, rows);
        } catch (DataIntegrityViolationException overLimit) {
            throw Failure.insufficientStorage("A total of customer " + customer + " would pass its limit: " + overLimit.getMostSpecificCause().getMessage());
        }
    }

    private void put(int customer, List<Row> rows) {
        jdbc.sql("""
                        INSERT INTO bench_trigger_asset (customer, space, id, size, thumbnail_size)
                        SELECT ?, r.space, r.id, r.size, r.thumbnail_size
                        FROM unnest(?::int4[], ?::text[], ?::int8[], ?::int8[]) AS r(space, id, size, thumbnail_size)
                        ON CONFLICT (customer, space, id) DO UPDATE SET size = excluded.size, thumbnail_size = excluded.thumbnail_size
                        """)
                // Positional parameters: the driver sends a Java array as a PostgreSQL array (named ones would be
                // expanded into lists).
                .param(customer)
                .param(rows.stream().map(Row::space).toArray(Integer[]::new))
                .param(rows.stream().map(Row::asset).toArray(String[]::new))
                .param(rows.stream().map(Row::size).toArray(Long[]::new))
                .param(rows.stream().map(Row::thumbnailSize).toArray(Long[]::new))
                .update();
    }
}
