-- The ledger: storage policies, customers and spaces with their running totals, and the asset records
-- they total. Totals are changed in the same transaction as the asset rows (see LedgerRepository), so a
-- total always equals the SUM/COUNT over its assets; nothing here is ever summed on read.

CREATE TABLE storage_policy (
    id                                  text        PRIMARY KEY,
    maximum_number_of_stored_images     bigint      NOT NULL CHECK (maximum_number_of_stored_images >= 0),
    maximum_total_size_of_stored_images bigint      NOT NULL CHECK (maximum_total_size_of_stored_images >= 0),
    created_at                          timestamptz NOT NULL DEFAULT now()
);

-- Its values are replaced at every start by the service's settings.
INSERT INTO storage_policy (id, maximum_number_of_stored_images, maximum_total_size_of_stored_images)
VALUES ('default', 1000000000, 1125899906842624);

CREATE TABLE customer (
    id                          integer     PRIMARY KEY CHECK (id >= 1),
    name                        text        NOT NULL,
    storage_policy              text        NOT NULL REFERENCES storage_policy (id),
    number_of_stored_images     bigint      NOT NULL DEFAULT 0 CHECK (number_of_stored_images >= 0),
    total_size_of_stored_images bigint      NOT NULL DEFAULT 0 CHECK (total_size_of_stored_images >= 0),
    total_size_of_thumbnails    bigint      NOT NULL DEFAULT 0 CHECK (total_size_of_thumbnails >= 0),
    last_calculated             timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX customer_storage_policy ON customer (storage_policy);

CREATE TABLE space (
    customer                    integer     NOT NULL REFERENCES customer (id),
    id                          integer     NOT NULL CHECK (id >= 0),
    name                        text        NOT NULL,
    storage_policy              text        REFERENCES storage_policy (id),
    number_of_stored_images     bigint      NOT NULL DEFAULT 0 CHECK (number_of_stored_images >= 0),
    total_size_of_stored_images bigint      NOT NULL DEFAULT 0 CHECK (total_size_of_stored_images >= 0),
    total_size_of_thumbnails    bigint      NOT NULL DEFAULT 0 CHECK (total_size_of_thumbnails >= 0),
    last_calculated             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer, id)
);

CREATE INDEX space_storage_policy ON space (storage_policy) WHERE storage_policy IS NOT NULL;

CREATE TABLE asset (
    customer       integer     NOT NULL,
    space          integer     NOT NULL,
    id             text        NOT NULL,
    size           bigint      NOT NULL CHECK (size >= 0),
    thumbnail_size bigint      NOT NULL CHECK (thumbnail_size >= 0),
    owner          text,
    last_checked   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer, space, id)
);
-- No foreign key to space: every write that adds an asset also updates its space's totals row in the same
-- transaction, and finds no row (and rolls back) when the space does not exist; a space is deleted only
-- while its count, under its row lock, is 0. A foreign key would check the same thing again per row, which
-- doubled the cost of inserting a batch of 10,000 records (docs/benchmarks.md).

-- HTTP Basic keys of customers. The secret is kept only as its SHA-256: secrets are 256 random bits,
-- so a slow hash would add nothing but latency to every request.
CREATE TABLE api_key (
    key         text        PRIMARY KEY,
    customer    integer     NOT NULL REFERENCES customer (id),
    secret_hash bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX api_key_customer ON api_key (customer);

-- The administrator's secret when none is configured: generated at first start, kept only as its hash.
CREATE TABLE admin_credential (
    key         text        PRIMARY KEY,
    secret_hash bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
