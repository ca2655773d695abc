package dev.storageledger.bench.baseline;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The baseline of the single-write benchmark, never used to serve a real write: the naive design of Cloudreve and
 * DLCS, a record insert and then a separate counter update, each in its own auto-committed statement, with no
 * lock held across them and no limit checked. Its tables have the ledger's shapes but are its own, so that the
 * ledger's totals stay exact while it runs; the bench's migration makes them ({@link BenchMigration}).
 * Present only when ledger.benchmark.enabled is true.
 */
@Repository
@ConditionalOnBooleanProperty("ledger.benchmark.enabled")
public class NaiveLedgerRepository {

    private final JdbcClient jdbc;

    NaiveLedgerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(int customer, int space, String asset, long size, long thumbnailSize) {
        int inserted = jdbc.sql("""
                        INSERT INTO bench_naive_asset (customer, space, id, size, thumbnail_size)
                        VALUES (:customer, :space, :id, :size, :thumbnails)
                        ON CONFLICT DO NOTHING
                        """)
                .param("customer", customer).param("space", space).param("id", asset)
                .param("size", size).param("thumbnails", thumbnailSize)
                .update();
        jdbc.sql("""
                        INSERT INTO bench_naive_usage VALUES (:customer, :images, :size, :thumbnails)
                        ON CONFLICT (customer) DO UPDATE SET
                            number_of_stored_images = bench_naive_usage.number_of_stored_images + excluded.number_of_stored_images,
                            total_size_of_stored_images = bench_naive_usage.total_size_of_stored_images + excluded.total_size_of_stored_images,
                            total_size_of_thumbnails = bench_naive_usage.total_size_of_thumbnails + excluded.total_size_of_thumbnails
                        """)
                .param("customer", customer).param("images", inserted)
                .param("size", inserted * size).param("thumbnails", inserted * thumbnailSize)
                .update();
    }
}
