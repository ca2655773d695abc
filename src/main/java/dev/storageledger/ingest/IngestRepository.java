package dev.storageledger.ingest;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.CustomerAsset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The ingestion's own rows: the offsets consumed, the versions applied of the records topic's assets, and the objects
 * that bucket notifications named. Every statement runs in the transaction that applies the events.
 */
@Repository
class IngestRepository {

    private final JdbcClient jdbc;

    IngestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Plans the rest of this transaction's statements for any values of their parameters, not for the values bound.
     * A poll's statements look up thousands of keys passed as arrays; planned for those arrays (as PostgreSQL plans a
     * statement's first five runs on a connection, and every run before the driver prepares it), the lookup of a
     * poll's assets became a hash join over a scan of the whole asset table, a second at 600,000 assets, where the
     * general plan probes the primary key once per key (30 ms for 10,000 keys).
     */
    void planForKeys() {
        jdbc.sql("SET LOCAL plan_cache_mode = force_generic_plan").update();
    }

    /** The next offset to consume of each of the partitions that has one stored (read without a lock: at assignment). */
    Map<Integer, Long> offsets(String group, String topic, Collection<Integer> partitions) {
        Map<Integer, Long> offsets = new HashMap<>();
        jdbc.sql("""
                        SELECT kafka_partition, next_offset FROM ingest_offset
                        WHERE consumer_group = :group AND topic = :topic AND kafka_partition = ANY(:partitions)
                        """).param("group", group).param("topic", topic)
                .param("partitions", array("int4", partitions))
                .query(row -> {
                    offsets.put(row.getInt(1), row.getLong(2));
                });
        return offsets;
    }

    /**
     * Locks the offset rows of the partitions (made at 0 where missing, in one order, so that two transactions never
     * wait for each other) and answers their next offsets: an event before its partition's next offset was applied by
     * a transaction that committed, whoever consumed it. One statement: an insert whose conflict with a stored row
     * locks that row (and sets it to itself), answering the row as it stands once locked, made or stored.
     */
    Map<Integer, Long> lockOffsets(String group, String topic, List<Integer> sortedPartitions) {
        Map<Integer, Long> offsets = new HashMap<>();
        jdbc.sql("""
                        INSERT INTO ingest_offset (consumer_group, topic, kafka_partition, next_offset)
                        SELECT :group, :topic, p, 0 FROM unnest(:partitions) AS p ORDER BY p
                        ON CONFLICT (consumer_group, topic, kafka_partition) DO UPDATE SET next_offset = ingest_offset.next_offset
                        RETURNING kafka_partition, next_offset
                        """).param("group", group).param("topic", topic).param("partitions", array("int4", sortedPartitions))
                .query(row -> {
                    offsets.put(row.getInt(1), row.getLong(2));
                });
        return offsets;
    }

    void saveOffsets(String group, String topic, Map<Integer, Long> nextOffsets) {
        List<Integer> partitions = new ArrayList<>(nextOffsets.keySet());
        jdbc.sql("""
                        UPDATE ingest_offset o SET next_offset = n.next_offset
                        FROM unnest(:partitions, :offsets) AS n(kafka_partition, next_offset)
                        WHERE o.consumer_group = :group AND o.topic = :topic AND o.kafka_partition = n.kafka_partition
                        """).param("group", group).param("topic", topic)
                .param("partitions", array("int4", partitions))
                .param("offsets", array("int8", partitions.stream().map(nextOffsets::get).toList()))
                .update();
    }

    /** The newest version applied of each of the assets that has one. */
    Map<CustomerAsset, Long> versions(Collection<CustomerAsset> assets) {
        Map<CustomerAsset, Long> versions = new HashMap<>();
        if (assets.isEmpty()) {
            return versions;
        }
        List<CustomerAsset> keys = List.copyOf(assets);
        jdbc.sql("""
                        SELECT v.customer, v.space, v.asset, v.version FROM ingest_asset_version v
                        JOIN unnest(:customers, :spaces, :assets) AS k(customer, space, asset)
                          ON v.customer = k.customer AND v.space = k.space AND v.asset = k.asset
                        """)
                .params(assetKeys(keys))
                .query(row -> {
                    versions.put(new CustomerAsset(row.getInt(1), new AssetRef(row.getInt(2), row.getString(3))), row.getLong(4));
                });
        return versions;
    }

    void saveVersions(Map<CustomerAsset, Long> versions) {
        if (versions.isEmpty()) {
            return;
        }
        List<CustomerAsset> keys = versions.keySet().stream().sorted().toList();
        jdbc.sql("""
                        INSERT INTO ingest_asset_version (customer, space, asset, version)
                        SELECT * FROM unnest(:customers, :spaces, :assets, :versions)
                        ON CONFLICT (customer, space, asset) DO UPDATE SET version = GREATEST(ingest_asset_version.version, EXCLUDED.version)
                        """)
                .params(assetKeys(keys))
                .param("versions", array("int8", keys.stream().map(versions::get).toList()))
                .update();
    }

    /** Every object known of the assets (removed ones included, with a null size). */
    List<BucketObject> objectsOf(Collection<CustomerAsset> assets) {
        if (assets.isEmpty()) {
            return List.of();
        }
        List<CustomerAsset> keys = List.copyOf(assets);
        return jdbc.sql("""
                        SELECT o.customer, o.bucket, o.object_key, o.space, o.asset, o.thumbnail, o.size, o.sequencer
                        FROM ingest_object o
                        JOIN unnest(:customers, :spaces, :assets) AS k(customer, space, asset)
                          ON o.customer = k.customer AND o.space = k.space AND o.asset = k.asset
                        """)
                .params(assetKeys(keys))
                .query((row, index) -> new BucketObject(row.getString(2), row.getString(3),
                        new BucketObject.Place(new CustomerAsset(row.getInt(1), new AssetRef(row.getInt(4), row.getString(5))), row.getBoolean(6)),
                        row.getObject(7, Long.class), row.getString(8)))
                .list();
    }

    void saveObjects(Collection<BucketObject> objects) {
        if (objects.isEmpty()) {
            return;
        }
        List<BucketObject> rows = List.copyOf(objects);
        jdbc.sql("""
                        INSERT INTO ingest_object (customer, bucket, object_key, space, asset, thumbnail, size, sequencer)
                        SELECT * FROM unnest(:customers, :buckets, :keys, :spaces, :assets, :thumbnails, :sizes, :sequencers)
                        ON CONFLICT (customer, bucket, object_key) DO UPDATE SET space = EXCLUDED.space, asset = EXCLUDED.asset,
                            thumbnail = EXCLUDED.thumbnail, size = EXCLUDED.size, sequencer = EXCLUDED.sequencer
                        """)
                .param("customers", integers(rows.stream().map(row -> row.place().asset().customer()).toList()))
                .param("buckets", texts(rows.stream().map(BucketObject::bucket).toList()))
                .param("keys", texts(rows.stream().map(BucketObject::key).toList()))
                .param("spaces", integers(rows.stream().map(row -> row.place().asset().ref().space()).toList()))
                .param("assets", texts(rows.stream().map(row -> row.place().asset().ref().asset()).toList()))
                .param("thumbnails", array("bool", rows.stream().map(row -> row.place().thumbnail()).toList()))
                .param("sizes", array("int8", rows.stream().map(BucketObject::size).toList()))
                .param("sequencers", texts(rows.stream().map(BucketObject::sequencer).toList()))
                .update();
    }

    /** The owner of each of the assets that the ledger holds with one. */
    Map<CustomerAsset, String> owners(Collection<CustomerAsset> assets) {
        Map<CustomerAsset, String> owners = new HashMap<>();
        if (assets.isEmpty()) {
            return owners;
        }
        List<CustomerAsset> keys = List.copyOf(assets);
        jdbc.sql("""
                        SELECT a.customer, a.space, a.id, a.owner FROM asset a
                        JOIN unnest(:customers, :spaces, :assets) AS k(customer, space, asset)
                          ON a.customer = k.customer AND a.space = k.space AND a.id = k.asset
                        WHERE a.owner IS NOT NULL
                        """)
                .params(assetKeys(keys))
                .query(row -> {
                    owners.put(new CustomerAsset(row.getInt(1), new AssetRef(row.getInt(2), row.getString(3))), row.getString(4));
                });
        return owners;
    }

    /** A dead letter stored by the transaction that consumed its event, not yet taken by its topic. */
    record StoredDeadLetter(int partition, long offset, byte[] key, byte[] value, String reason) {
    }

    /** Stores the dead letters of a poll (see {@link DeadLetterOutbox}), in the transaction that consumes their events. */
    void saveDeadLetters(String group, List<Events.DeadLetter> letters) {
        for (Events.DeadLetter letter : letters) {
            ConsumerRecord<byte[], byte[]> event = letter.event();
            jdbc.sql("""
                            INSERT INTO ingest_dead_letter (consumer_group, topic, kafka_partition, kafka_offset, event_key, event_value, reason)
                            VALUES (:group, :topic, :partition, :offset, :key, :value, :reason)
                            ON CONFLICT (consumer_group, topic, kafka_partition, kafka_offset) DO NOTHING
                            """).param("group", group).param("topic", event.topic()).param("partition", event.partition())
                    .param("offset", event.offset()).param("key", event.key()).param("value", event.value()).param("reason", letter.reason())
                    .update();
        }
    }

    /** The stored dead letters of the topic's partitions, in their order. */
    List<StoredDeadLetter> deadLetters(String group, String topic, Collection<Integer> partitions) {
        return jdbc.sql("""
                        SELECT kafka_partition, kafka_offset, event_key, event_value, reason FROM ingest_dead_letter
                        WHERE consumer_group = :group AND topic = :topic AND kafka_partition = ANY(:partitions)
                        ORDER BY kafka_partition, kafka_offset
                        """).param("group", group).param("topic", topic).param("partitions", integers(List.copyOf(partitions)))
                .query((row, index) -> new StoredDeadLetter(row.getInt(1), row.getLong(2), row.getBytes(3), row.getBytes(4), row.getString(5)))
                .list();
    }

    /** Forgets the dead letters that their topic has taken. */
    void deleteDeadLetters(String group, String topic, List<StoredDeadLetter> taken) {
        if (taken.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        DELETE FROM ingest_dead_letter d
                        USING unnest(:partitions, :offsets) AS t(kafka_partition, kafka_offset)
                        WHERE d.consumer_group = :group AND d.topic = :topic
                          AND d.kafka_partition = t.kafka_partition AND d.kafka_offset = t.kafka_offset
                        """).param("group", group).param("topic", topic)
                .param("partitions", integers(taken.stream().map(StoredDeadLetter::partition).toList()))
                .param("offsets", array("int8", taken.stream().map(StoredDeadLetter::offset).toList()))
                .update();
    }

    /** The parameters :customers, :spaces and :assets: the keys of {@code keys}, column by column. */
    private static Map<String, Object> assetKeys(List<CustomerAsset> keys) {
        return Map.of("customers", integers(keys.stream().map(CustomerAsset::customer).toList()),
                "spaces", integers(keys.stream().map(key -> key.ref().space()).toList()),
                "assets", texts(keys.stream().map(key -> key.ref().asset()).toList()));
    }

    private static SqlArrayValue integers(List<Integer> values) {
        return array("int4", values);
    }

    private static SqlArrayValue texts(List<String> values) {
        return array("text", values);
    }

    /** A PostgreSQL array of {@code type} (its elements as one Object[], not as varargs). */
    private static SqlArrayValue array(String type, Collection<?> values) {
        return new SqlArrayValue(type, values.toArray());
    }
}
