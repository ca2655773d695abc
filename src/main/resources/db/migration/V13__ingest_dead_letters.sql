-- The dead letters of the Kafka ingestion not yet taken by their topic: written by the transaction that consumes their
-- events, sent to <topic>.dlq after it commits (never while the ledger's totals rows are locked), and deleted once
-- the broker has them. A letter whose send fails stays, and is sent again with its partition's next poll.
CREATE TABLE ingest_dead_letter (
    consumer_group  text    NOT NULL,
    topic           text    NOT NULL,
    kafka_partition integer NOT NULL CHECK (kafka_partition >= 0),
    kafka_offset    bigint  NOT NULL CHECK (kafka_offset >= 0),
    event_key       bytea,
    event_value     bytea,
    reason          text    NOT NULL,
    PRIMARY KEY (consumer_group, topic, kafka_partition, kafka_offset)
);
