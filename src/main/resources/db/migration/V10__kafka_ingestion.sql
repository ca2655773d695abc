-- Kafka ingestion. Every row is written by the transaction that applies the events it follows, so the offsets
-- consumed, the versions and objects seen, and the ledger's totals can never disagree.

-- The next offset to consume of each partition a consumer group reads: written with the changes its events made.
CREATE TABLE ingest_offset (
    consumer_group  text    NOT NULL,
    topic           text    NOT NULL,
    kafka_partition integer NOT NULL CHECK (kafka_partition >= 0),
    next_offset     bigint  NOT NULL CHECK (next_offset >= 0),
    PRIMARY KEY (consumer_group, topic, kafka_partition)
);

-- The newest version applied of an asset from the records topic (kept after the asset's removal, so that an older
-- event arriving late changes nothing).
CREATE TABLE ingest_asset_version (
    customer integer NOT NULL,
    space    integer NOT NULL,
    asset    text    NOT NULL,
    version  bigint  NOT NULL,
    PRIMARY KEY (customer, space, asset)
);

-- Each object of a bucket that notifications named, attributed to an asset's files or thumbnails by the storage
-- layouts: the size stored (null once removed) and the sequencer of the newest event applied to it. An asset's
-- figures are the sums of its stored objects. The customer leads every key, as in the ledger's other tables.
CREATE TABLE ingest_object (
    customer   integer NOT NULL,
    bucket     text    NOT NULL,
    object_key text    NOT NULL,
    space      integer NOT NULL,
    asset      text    NOT NULL,
    thumbnail  boolean NOT NULL,
    size       bigint  CHECK (size >= 0),
    sequencer  text,
    PRIMARY KEY (customer, bucket, object_key)
);

CREATE INDEX ingest_object_asset ON ingest_object (customer, space, asset);
