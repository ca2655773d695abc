-- The benchmark suite's own tables, on the test classpath only, migrated by BenchMigration after the service's
-- migration and recorded in bench_schema_history, not in the service's history. A repeatable migration: it never
-- takes a version of the service's own, and Flyway runs it again whenever its text changes.

-- The naive single write's baseline (NaiveLedgerRepository): the ledger's shapes, but tables of its own, so that
-- the ledger's totals stay exact while it runs. They hold only the benchmark's throwaway rows, so a changed
-- migration makes them again, in its new shape.
DROP TABLE IF EXISTS bench_naive_asset;
CREATE TABLE bench_naive_asset (LIKE asset INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);

DROP TABLE IF EXISTS bench_naive_usage;
CREATE TABLE bench_naive_usage (
    customer                    integer PRIMARY KEY,
    number_of_stored_images     bigint  NOT NULL,
    total_size_of_stored_images bigint  NOT NULL,
    total_size_of_thumbnails    bigint  NOT NULL
);
