package dev.storageledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.Json;
import dev.storageledger.support.KafkaBroker;
import dev.storageledger.support.Poll;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kafka ingestion against a real broker in the test JVM: the records topic and the bucket-notifications topic, each
 * read by this service's consumers, with duplicates, reordering, overwrites and removals; dead letters; a replay of
 * both topics from their start; the meters and the health of the consumers.
 */
class KafkaIngestionIntegrationTest extends IntegrationTest {

    static final String RECORDS = "ledger-test.records";
    static final String BUCKET = "ledger-test.s3";
    /** A group of this run's own, so that offsets stored by an earlier run on an external database are not this run's. */
    static final String GROUP = "ledger-test-" + UUID.randomUUID();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MeterRegistry meters;

    @Autowired
    IngestionContainers containers;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        KafkaBroker.topics(RECORDS, BUCKET);
        registry.add("ledger.kafka.bootstrap-servers", KafkaBroker::servers);
        registry.add("ledger.kafka.group", () -> GROUP);
        registry.add("ledger.kafka.records-topic", () -> RECORDS);
        registry.add("ledger.kafka.s3-topic", () -> BUCKET);
    }

    @Test
    void records_with_duplicates_and_late_older_versions_leave_each_asset_at_its_newest_version() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.space(customer, 2);
        Random random = new Random(customer);
        List<String> events = new ArrayList<>();
        Map<String, long[]> expected = new HashMap<>(); // "space/asset" -> {size, thumbnailSize}; absent: removed
        for (int index = 0; index < 300; index++) {
            int space = 1 + index % 2;
            String asset = "r-" + index;
            int versions = 1 + random.nextInt(5);
            for (int version = 1; version <= versions; version++) {
                boolean removed = version == versions && version > 1 && random.nextInt(5) == 0;
                if (removed) {
                    events.add(Json.object("customer", customer, "space", space, "asset", asset, "deleted", true, "version", version).toString());
                    expected.remove(space + "/" + asset);
                } else {
                    long size = random.nextLong(1, 10_000_000_000L);
                    long thumbnails = random.nextLong(0, 100_000);
                    events.add(Json.object("customer", customer, "space", space, "asset", asset, "size", size, "thumbnailSize", thumbnails,
                            "version", version).toString());
                    expected.put(space + "/" + asset, new long[] {size, thumbnails});
                }
            }
        }
        Collections.shuffle(events, random); // older versions of an asset now often arrive after newer ones
        List<String> withDuplicates = new ArrayList<>(events);
        for (String event : events) {
            if (random.nextInt(3) == 0) {
                withDuplicates.add(random.nextInt(withDuplicates.size() + 1), event);
            }
        }
        double transactionsBefore = transactions(RECORDS);

        KafkaBroker.send(RECORDS, withDuplicates.stream().map(event -> Map.entry(Integer.toString(customer), event)).toList());
        awaitConsumed(RECORDS);

        assertThat(assets(customer)).as("each asset as its newest version left it").isEqualTo(asText(expected));
        assertTotals(customer, expected);
        assertThat(transactions(RECORDS) - transactionsBefore).as("transactions for %d events", withDuplicates.size())
                .isLessThan(withDuplicates.size() / 4.0);
    }

    @Test
    void bucket_notifications_leave_every_total_equal_to_the_sums_of_the_objects_finally_stored() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.space(customer, 2);
        Random random = new Random(customer);
        List<Map.Entry<String, String>> events = new ArrayList<>();
        Map<String, Long> finalObjects = new HashMap<>(); // object key -> size, for the objects stored at the end
        long sequencer = 0x10_0000_0000L;
        for (int index = 0; index < 40; index++) {
            int space = 1 + index % 2;
            String asset = "s-" + index;
            List<String> keys = new ArrayList<>();
            for (int file = 0; file < 3; file++) {
                keys.add(customer + "/" + space + "/" + asset + "/file " + file + "+v.tif");
            }
            for (int thumbnail = 0; thumbnail < 2; thumbnail++) {
                keys.add("thumbs/" + customer + "/" + space + "/" + asset + "/" + (100 * (thumbnail + 1)) + ".jpg");
            }
            for (String key : keys) {
                List<Map.Entry<String, String>> ofKey = new ArrayList<>();
                int changes = 1 + random.nextInt(4);
                for (int change = 0; change < changes; change++) {
                    sequencer += 1 + random.nextInt(1000);
                    // Multipart-sized objects too: up to 6 GiB.
                    Long size = random.nextInt(4) == 0 ? null : random.nextInt(4) == 0 ? random.nextLong(5L << 30, 6L << 30) : random.nextLong(0, 5_000_000);
                    ofKey.add(Map.entry("media/" + key, notification(random.nextBoolean(), "media", key, size, String.format("%016X", sequencer))));
                    if (size == null) {
                        finalObjects.remove(key);
                    } else {
                        finalObjects.put(key, size);
                    }
                }
                Collections.shuffle(ofKey, random); // reordered within the key: the sequencers say which is newest
                events.addAll(ofKey);
                if (random.nextInt(3) == 0) {
                    events.add(ofKey.get(random.nextInt(ofKey.size()))); // a duplicate
                }
            }
        }
        // An object created, then removed, then a late copy of its creation: it stays removed.
        String late = customer + "/1/late/file.bin";
        events.add(Map.entry("media/" + late, notification(true, "media", late, 700L, "00000000000A0000")));
        events.add(Map.entry("media/" + late, notification(true, "media", late, null, "00000000000C0000")));
        events.add(Map.entry("media/" + late, notification(true, "media", late, 800L, "00000000000B")));

        KafkaBroker.send(BUCKET, events);
        awaitConsumed(BUCKET);

        Map<String, long[]> expected = new HashMap<>();
        finalObjects.forEach((key, size) -> {
            boolean thumbnail = key.startsWith("thumbs/");
            String[] parts = (thumbnail ? key.substring("thumbs/".length()) : key).split("/");
            long[] sums = expected.computeIfAbsent(parts[1] + "/" + parts[2], unused -> new long[2]);
            sums[thumbnail ? 1 : 0] += size;
        });
        assertThat(assets(customer)).as("each asset as the sums of its objects").isEqualTo(asText(expected));
        assertTotals(customer, expected);
        assertThat(admin().get("/customers/" + customer + "/spaces/1/images/late/storage").status()).isEqualTo(404);
    }

    @Test
    void bad_events_go_to_the_dead_letter_topics_with_their_reason_and_the_good_ones_around_them_are_applied() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.user(customer, "alice");
        String key = Integer.toString(customer);
        KafkaBroker.send(RECORDS, List.of(
                Map.entry(key, record(customer, 1, "good-1", 100, null)),
                Map.entry(key, "not json " + customer),
                Map.entry("999999999", Json.object("customer", 999_999_999, "space", 1, "asset", "nobody-" + customer, "size", 1).toString()),
                Map.entry(key, record(customer, 77, "no-space", 5, null)),
                Map.entry(key, record(customer, 1, "negative", -5, null)),
                Map.entry(key, record(customer, 1, "stranger", 5, "mallory")),
                Map.entry(key, record(customer, 1, "good-2", 200, "alice"))));
        KafkaBroker.send(BUCKET, List.of(
                Map.entry("media/x", notification(true, "media", "elsewhere/" + customer + "/x.bin", 10L, "01")),
                Map.entry("media/y", notification(true, "media", customer + "/1/bucket-negative/y.bin", -3L, "01")),
                Map.entry("media/z", notification(false, "media", customer + "/9/no-space/z.bin", 3L, "01")),
                Map.entry("media/w", notification(false, "media", customer + "/1/good-3/w.bin", 300L, "01"))));
        awaitConsumed(RECORDS);
        awaitConsumed(BUCKET);

        assertThat(assets(customer)).isEqualTo(Map.of("1/good-1", "100/0", "1/good-2", "200/0", "1/good-3", "300/0"));
        Map<String, String> records = reasons(RECORDS + ".dlq", customer);
        assertThat(records).containsEntry("not json " + customer, "not JSON")
                .containsEntry("nobody-" + customer, "unknown customer 999999999")
                .containsEntry("no-space", "unknown space 77 of customer " + customer)
                .containsEntry("negative", "size: must be at least 0, not -5 (negative)")
                .containsEntry("stranger", "owner: unknown user 'mallory' of customer " + customer)
                .doesNotContainKeys("good-1", "good-2");
        Map<String, String> bucket = reasons(BUCKET + ".dlq", customer);
        assertThat(bucket).containsEntry("x.bin", "Records[0].s3.object.key: 'elsewhere/" + customer + "/x.bin' is outside every storage layout")
                .containsEntry("y.bin", "Records[0].s3.object.size: must be at least 0, not -3 (negative)")
                .containsEntry("z.bin", "s3.object.key: '" + customer + "/9/no-space/z.bin' is of unknown space 9 of customer " + customer)
                .doesNotContainKey("w.bin");
        assertThat(counter(RECORDS, "dead_lettered")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void a_refused_event_among_good_ones_of_its_customer_is_dead_lettered_alone_and_the_later_event_of_an_asset_still_wins() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.space(customer, 2);
        given.user(customer, "alice");
        String key = Integer.toString(customer);
        KafkaBroker.send(RECORDS, List.of(
                Map.entry(key, record(customer, 1, "a", 100, null)),
                Map.entry(key, record(customer, 2, "b", 200, "alice")),
                Map.entry(key, record(customer, 1, "refused", 7, "mallory")),
                Map.entry(key, record(customer, 1, "a", 150, "alice")),
                Map.entry(key, record(customer, 2, "c", 300, null)),
                Map.entry(key, Json.object("customer", customer, "space", 2, "asset", "b", "deleted", true).toString())));
        awaitConsumed(RECORDS);

        Map<String, long[]> expected = Map.of("1/a", new long[] {150, 0}, "2/c", new long[] {300, 0});
        assertThat(assets(customer)).as("the good events applied in their order").isEqualTo(asText(expected));
        assertTotals(customer, expected);
        assertThat(reasons(RECORDS + ".dlq", customer)).as("only the refused event dead-lettered")
                .isEqualTo(Map.of("refused", "owner: unknown user 'mallory' of customer " + customer));
    }

    @Test
    void events_are_recorded_past_the_limits_and_move_the_quota_state_as_writes_do() throws Exception {
        int customer = newCustomerId();
        given.policy("ingest-" + customer, 2, 1_000);
        given.customer(customer, "ingest-" + customer);
        given.space(customer, 1);
        String key = Integer.toString(customer);

        KafkaBroker.send(RECORDS, List.of(Map.entry(key, record(customer, 1, "a", 500, null)), Map.entry(key, record(customer, 1, "b", 450, null)),
                Map.entry(key, record(customer, 1, "c", 300, null))));
        awaitConsumed(RECORDS);

        assertThat(assets(customer)).as("the bytes are stored already: recorded past both limits")
                .isEqualTo(Map.of("1/a", "500/0", "1/b", "450/0", "1/c", "300/0"));
        assertThat(admin().get("/customers/" + customer + "/quota").json().get("state").asString()).isEqualTo("exceeded");
        assertThat(jdbc.sql("SELECT state FROM quota_announced WHERE customer = :customer AND space = -1 ORDER BY lim")
                .param("customer", customer).query(String.class).list()).as("the crossings announced to webhooks")
                .containsExactly("exceeded", "exceeded");
    }

    @Test
    void a_replay_of_both_topics_from_their_start_changes_nothing() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        String key = Integer.toString(customer);
        KafkaBroker.send(RECORDS, List.of(
                Map.entry(key, record(customer, 1, "kept", 10, null)),
                Map.entry(key, record(customer, 1, "changed", 10, null)),
                Map.entry(key, record(customer, 1, "changed", 20, null)),
                Map.entry(key, record(customer, 1, "removed", 30, null)),
                Map.entry(key, Json.object("customer", customer, "space", 1, "asset", "removed", "deleted", true).toString())));
        String object = customer + "/1/object/a.bin";
        KafkaBroker.send(BUCKET, List.of(
                Map.entry("media/" + object, notification(true, "media", object, 40L, "0A")),
                Map.entry("media/" + object, notification(true, "media", object, null, "0B")),
                Map.entry("media/" + object, notification(true, "media", object, 50L, "0C"))));
        awaitConsumed(RECORDS);
        awaitConsumed(BUCKET);
        Map<String, String> assets = assets(customer);
        assertThat(assets).isEqualTo(Map.of("1/kept", "10/0", "1/changed", "20/0", "1/object", "50/0"));

        // Stored offsets kept: a restart skips everything. An event sent after the restart is applied once the
        // consumers run again, and by then any event consumed again would have been counted before it.
        double applied = counter(RECORDS, "applied") + counter(BUCKET, "applied");
        double alreadyApplied = counter(RECORDS, "already_applied") + counter(BUCKET, "already_applied");
        containers.stop();
        containers.start();
        KafkaBroker.send(RECORDS, List.of(Map.entry(key, record(customer, 1, "after-restart", 60, null))));
        awaitConsumed(RECORDS);
        assertThat(counter(RECORDS, "applied") + counter(BUCKET, "applied")).as("only the event sent after the restart applied")
                .isEqualTo(applied + 1);
        assertThat(counter(RECORDS, "already_applied") + counter(BUCKET, "already_applied")).as("nothing consumed again")
                .isEqualTo(alreadyApplied);
        assets.put("1/after-restart", "60/0");
        List<List<Object>> totals = everyTotal();

        // Stored offsets removed: both topics are consumed again from their start, and change nothing.
        double alreadyOrUnchanged = counter(RECORDS, "applied") + counter(RECORDS, "unchanged") + counter(BUCKET, "applied")
                + counter(BUCKET, "unchanged");
        containers.stop();
        jdbc.sql("DELETE FROM ingest_offset WHERE consumer_group = :group").param("group", GROUP).update();
        containers.start();
        awaitConsumed(RECORDS);
        awaitConsumed(BUCKET);
        long replayed = KafkaBroker.endOffsets(RECORDS).values().stream().mapToLong(Long::longValue).sum()
                + KafkaBroker.endOffsets(BUCKET).values().stream().mapToLong(Long::longValue).sum();
        assertThat(counter(RECORDS, "applied") + counter(RECORDS, "unchanged") + counter(BUCKET, "applied") + counter(BUCKET, "unchanged")
                - alreadyOrUnchanged).as("events consumed again").isGreaterThan(0).isLessThanOrEqualTo(replayed);
        assertThat(assets(customer)).isEqualTo(assets);
        assertThat(everyTotal()).isEqualTo(totals);
    }

    @Test
    void the_consumers_show_in_health_and_their_meters_are_served() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        KafkaBroker.send(RECORDS, List.of(Map.entry(Integer.toString(customer), record(customer, 1, "metered", 1, null))));
        awaitConsumed(RECORDS);

        Poll.until(() -> admin().get("/actuator/health").json().path("components").path("kafkaIngestion").path("status").asString()
                .equals("UP"), Duration.ofSeconds(30));
        JsonNode ingestion = admin().get("/actuator/health").json().path("components").path("kafkaIngestion");
        assertThat(ingestion.path("details").path("topics").path(RECORDS).path("running").asBoolean()).isTrue();
        assertThat(ingestion.path("details").path("topics").path(BUCKET).path("running").asBoolean()).isTrue();
        assertThat(ingestion.path("details").path("topics").path(RECORDS).path("partitions").size()).isEqualTo(KafkaBroker.PARTITIONS);
        List<String> prometheus = admin().get("/actuator/prometheus").body().lines().toList();
        assertThat(prometheus).anyMatch(line -> line.startsWith("ledger_ingest_events_total{") && line.contains("outcome=\"applied\"")
                && line.contains("topic=\"" + RECORDS + "\""));
        assertThat(prometheus).anyMatch(line -> line.startsWith("ledger_ingest_events_total{") && line.contains("outcome=\"dead_lettered\""));
        assertThat(prometheus).anyMatch(line -> line.startsWith("ledger_ingest_lag{") && line.contains("topic=\"" + RECORDS + "\"")
                && line.contains("partition=\""));
        assertThat(prometheus).anyMatch(line -> line.startsWith("ledger_ingest_transactions_total{"));
    }

    /**
     * Waits until the stored offsets of every partition of the topic reach its end, and its dead letters (kept in the
     * database by the poll's transaction, sent after its commit) have left for their topic: every event sent is applied
     * or dead-lettered.
     */
    private void awaitConsumed(String topic) throws Exception {
        Map<Integer, Long> ends = KafkaBroker.endOffsets(topic);
        Poll.until(() -> {
            if (jdbc.sql("SELECT count(*) FROM ingest_dead_letter WHERE consumer_group = :group AND topic = :topic").param("group", GROUP)
                    .param("topic", topic).query(Long.class).single() > 0) {
                return false;
            }
            Map<Integer, Long> stored = new HashMap<>();
            jdbc.sql("SELECT kafka_partition, next_offset FROM ingest_offset WHERE consumer_group = :group AND topic = :topic")
                    .param("group", GROUP).param("topic", topic).query(row -> {
                        stored.put(row.getInt(1), row.getLong(2));
                    });
            return ends.entrySet().stream().allMatch(end -> end.getValue() == 0 || stored.getOrDefault(end.getKey(), 0L) >= end.getValue());
        }, Duration.ofSeconds(90));
    }

    /** The customer's assets as the ledger holds them: "space/asset" -> "size/thumbnailSize". */
    private Map<String, String> assets(int customer) {
        Map<String, String> assets = new HashMap<>();
        jdbc.sql("SELECT space, id, size, thumbnail_size FROM asset WHERE customer = :customer").param("customer", customer)
                .query(row -> {
                    assets.put(row.getInt(1) + "/" + row.getString(2), row.getLong(3) + "/" + row.getLong(4));
                });
        return assets;
    }

    private static Map<String, String> asText(Map<String, long[]> figures) {
        Map<String, String> text = new HashMap<>();
        figures.forEach((asset, sizes) -> text.put(asset, sizes[0] + "/" + sizes[1]));
        return text;
    }

    /** The customer's and each space's totals, read through the API, equal the sums of the expected assets. */
    private void assertTotals(int customer, Map<String, long[]> expected) {
        assertTotals("/customers/" + customer + "/storage", expected.values().stream().toList());
        for (int space : new int[] {1, 2}) {
            assertTotals("/customers/" + customer + "/spaces/" + space + "/storage",
                    expected.entrySet().stream().filter(entry -> entry.getKey().startsWith(space + "/")).map(Map.Entry::getValue).toList());
        }
    }

    private void assertTotals(String path, List<long[]> assets) {
        JsonNode storage = admin().get(path).json();
        assertThat(storage.get("numberOfStoredImages").asLong()).as(path).isEqualTo(assets.size());
        assertThat(storage.get("totalSizeOfStoredImages").asLong()).as(path).isEqualTo(assets.stream().mapToLong(sizes -> sizes[0]).sum());
        assertThat(storage.get("totalSizeOfThumbnails").asLong()).as(path).isEqualTo(assets.stream().mapToLong(sizes -> sizes[1]).sum());
    }

    /** Every customer's and space's totals, in one order. */
    private List<List<Object>> everyTotal() {
        List<List<Object>> totals = new ArrayList<>();
        jdbc.sql("""
                        SELECT id, -1, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails FROM customer
                        UNION ALL
                        SELECT customer, id, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails FROM space
                        ORDER BY 1, 2
                        """).query(row -> {
                    totals.add(List.of(row.getInt(1), row.getInt(2), row.getLong(3), row.getLong(4), row.getLong(5)));
                });
        return totals;
    }

    /** The dead letters that name this customer: something of their value that identifies them -> the reason's start. */
    private static Map<String, String> reasons(String topic, int customer) {
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<String, String> letter : KafkaBroker.readAll(topic)) {
            String value = letter.value();
            if (value == null || !value.contains(Integer.toString(customer))) {
                continue;
            }
            Header error = letter.headers().lastHeader(TopicConsumer.ERROR_HEADER);
            String reason = error == null ? null : new String(error.value(), StandardCharsets.UTF_8);
            String what;
            if (value.startsWith("not json")) {
                what = value;
                reason = reason == null ? null : reason.substring(0, Math.min(reason.length(), "not JSON".length()));
            } else if (value.contains("\"Records\"")) {
                String key = URLDecoder.decode(JSON.readTree(value).get("Records").get(0).get("s3").get("object").get("key").asString(),
                        StandardCharsets.UTF_8);
                what = key.substring(key.lastIndexOf('/') + 1);
            } else {
                what = JSON.readTree(value).get("asset").asString();
            }
            reasons.put(what, reason);
        }
        return reasons;
    }

    private static String record(int customer, int space, String asset, long size, String owner) {
        ObjectNode record = Json.object("customer", customer, "space", space, "asset", asset, "size", size);
        if (owner != null) {
            record.put("owner", owner);
        }
        return record.toString();
    }

    /** An S3 event notification of one object, as MinIO writes it (with "s3:" before the event's name) or as AWS does. */
    static String notification(boolean minio, String bucket, String key, Long size, String sequencer) {
        String name = (minio ? "s3:" : "") + (size == null ? "ObjectRemoved:Delete" : "ObjectCreated:Put");
        ObjectNode object = Json.object("key", URLEncoder.encode(key, StandardCharsets.UTF_8), "sequencer", sequencer);
        if (size != null) {
            object.put("size", size);
        }
        ObjectNode record = Json.object("eventVersion", "2.0", "eventSource", minio ? "minio:s3" : "aws:s3", "eventName", name,
                "s3", Json.object("s3SchemaVersion", "1.0", "bucket", Json.object("name", bucket), "object", object));
        ObjectNode message = Json.object("Records", Json.array(record));
        if (minio) {
            message.put("EventName", name);
            message.put("Key", bucket + "/" + key);
        }
        return message.toString();
    }

    private double transactions(String topic) {
        return meters.get("ledger.ingest.transactions").tag("topic", topic).counter().count();
    }

    private double counter(String topic, String outcome) {
        return meters.get("ledger.ingest.events").tag("topic", topic).tag("outcome", outcome).counter().count();
    }
}
