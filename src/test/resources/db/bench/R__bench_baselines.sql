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

-- The database-side design (TriggerLedgerRepository), what a careful DBA builds instead of an accounting service:
-- AFTER triggers on the asset table that move the space's, the owner's and the customer's totals in the writer's own
-- transaction, set-based over each statement's transition tables (one UPDATE per scope for a whole batch), and CHECK
-- constraints that refuse a total over its limit (the writer's statement fails, and with it the write). The limits
-- are the default policy's, as for the benchmark's customers in the ledger. Its own tables, like the naive design's.
DROP TABLE IF EXISTS bench_trigger_asset;
DROP TABLE IF EXISTS bench_trigger_space;
DROP TABLE IF EXISTS bench_trigger_owner;
DROP TABLE IF EXISTS bench_trigger_customer;
CREATE TABLE bench_trigger_asset (LIKE asset INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);

CREATE TABLE bench_trigger_space (
    customer                    integer NOT NULL,
    space                       integer NOT NULL,
    number_of_stored_images     bigint  NOT NULL,
    total_size_of_stored_images bigint  NOT NULL,
    total_size_of_thumbnails    bigint  NOT NULL,
    PRIMARY KEY (customer, space)
);

CREATE TABLE bench_trigger_owner (
    customer                    integer NOT NULL,
    owner                       text    NOT NULL,
    number_of_stored_images     bigint  NOT NULL,
    total_size_of_stored_images bigint  NOT NULL,
    total_size_of_thumbnails    bigint  NOT NULL,
    capacity                    bigint  NOT NULL DEFAULT 1125899906842624,
    PRIMARY KEY (customer, owner),
    CHECK (total_size_of_stored_images <= capacity)
);

CREATE TABLE bench_trigger_customer (
    customer                            integer PRIMARY KEY,
    number_of_stored_images             bigint  NOT NULL,
    total_size_of_stored_images         bigint  NOT NULL,
    total_size_of_thumbnails            bigint  NOT NULL,
    maximum_number_of_stored_images     bigint  NOT NULL DEFAULT 1000000000,
    maximum_total_size_of_stored_images bigint  NOT NULL DEFAULT 1125899906842624,
    CHECK (number_of_stored_images <= maximum_number_of_stored_images),
    CHECK (total_size_of_stored_images <= maximum_total_size_of_stored_images)
);

-- Moves the totals by a statement's changes: one row per asset row, +1 image and its sizes when it came in, -1 and
-- its sizes when it went out. Spaces, then owners, then the customer, each in key order, so that concurrent writers
-- lock rows in one order.
CREATE OR REPLACE FUNCTION bench_trigger_move(customers integer[], spaces integer[], owners text[], images bigint[],
                                              sizes bigint[], thumbnails bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO bench_trigger_space AS t
    SELECT customer, space, sum(image), sum(size), sum(thumbnail)
    FROM unnest(customers, spaces, images, sizes, thumbnails) AS d(customer, space, image, size, thumbnail)
    GROUP BY customer, space ORDER BY customer, space
    ON CONFLICT (customer, space) DO UPDATE SET
        number_of_stored_images = t.number_of_stored_images + excluded.number_of_stored_images,
        total_size_of_stored_images = t.total_size_of_stored_images + excluded.total_size_of_stored_images,
        total_size_of_thumbnails = t.total_size_of_thumbnails + excluded.total_size_of_thumbnails;
    INSERT INTO bench_trigger_owner AS t (customer, owner, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails)
    SELECT customer, owner, sum(image), sum(size), sum(thumbnail)
    FROM unnest(customers, owners, images, sizes, thumbnails) AS d(customer, owner, image, size, thumbnail)
    WHERE owner IS NOT NULL
    GROUP BY customer, owner ORDER BY customer, owner
    ON CONFLICT (customer, owner) DO UPDATE SET
        number_of_stored_images = t.number_of_stored_images + excluded.number_of_stored_images,
        total_size_of_stored_images = t.total_size_of_stored_images + excluded.total_size_of_stored_images,
        total_size_of_thumbnails = t.total_size_of_thumbnails + excluded.total_size_of_thumbnails;
    INSERT INTO bench_trigger_customer AS t (customer, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails)
    SELECT customer, sum(image), sum(size), sum(thumbnail)
    FROM unnest(customers, images, sizes, thumbnails) AS d(customer, image, size, thumbnail)
    GROUP BY customer ORDER BY customer
    ON CONFLICT (customer) DO UPDATE SET
        number_of_stored_images = t.number_of_stored_images + excluded.number_of_stored_images,
        total_size_of_stored_images = t.total_size_of_stored_images + excluded.total_size_of_stored_images,
        total_size_of_thumbnails = t.total_size_of_thumbnails + excluded.total_size_of_thumbnails;
$$;

-- One function for the three triggers (a trigger with transition tables has one event); each branch names only the
-- transition tables its event has.
CREATE OR REPLACE FUNCTION bench_trigger_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM bench_trigger_move(array_agg(customer), array_agg(space), array_agg(owner), array_agg(1::bigint),
                                   array_agg(size), array_agg(thumbnail_size))
        FROM new_rows;
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM bench_trigger_move(array_agg(customer), array_agg(space), array_agg(owner), array_agg(image),
                                   array_agg(size), array_agg(thumbnail_size))
        FROM (SELECT customer, space, owner, 1::bigint AS image, size, thumbnail_size FROM new_rows
              UNION ALL
              SELECT customer, space, owner, -1, -size, -thumbnail_size FROM old_rows) AS changes;
    ELSE
        PERFORM bench_trigger_move(array_agg(customer), array_agg(space), array_agg(owner), array_agg(-1::bigint),
                                   array_agg(-size), array_agg(-thumbnail_size))
        FROM old_rows;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER bench_trigger_inserted AFTER INSERT ON bench_trigger_asset REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bench_trigger_count();
CREATE TRIGGER bench_trigger_updated AFTER UPDATE ON bench_trigger_asset REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bench_trigger_count();
CREATE TRIGGER bench_trigger_deleted AFTER DELETE ON bench_trigger_asset REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bench_trigger_count();
