package dev.storageledger.audit;

import dev.storageledger.ledger.AssetSize;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ledger's side of a reconciliation: a scope's asset records, streamed in the order of the storage's keys. */
@Repository
public class ReconciliationRepository {

    private final JdbcClient jdbc;

    ReconciliationRepository(DataSource dataSource) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(1000); // a cursor: the records come a thousand at a time, never all at once
        this.jdbc = JdbcClient.create(streaming);
    }

    /** An asset record, with its key in the storage's order ("space/asset/"). */
    public record Recorded(String sortKey, int space, String asset, AssetSize size, String owner) {
    }

    /**
     * A customer's records (of one space when {@code space} is set), ordered as a bucket orders keys. Must be
     * consumed inside a transaction (the cursor lives in it), and closed.
     */
    Stream<Recorded> assets(int customer, Integer space) {
        return jdbc.sql("""
                        SELECT (space::text || '/' || id || '/') COLLATE "C" AS sort_key, space, id, size, thumbnail_size, owner
                        FROM asset
                        WHERE customer = :customer AND (CAST(:space AS integer) IS NULL OR space = :space)
                        ORDER BY 1
                        """)
                .param("customer", customer)
                .param("space", space)
                .query((row, number) -> new Recorded(row.getString("sort_key"), row.getInt("space"), row.getString("id"),
                        new AssetSize(row.getLong("size"), row.getLong("thumbnail_size")), row.getString("owner")))
                .stream();
    }
}
