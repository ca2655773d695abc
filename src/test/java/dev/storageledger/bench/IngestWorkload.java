package dev.storageledger.bench;

import dev.storageledger.support.KafkaBroker;
import dev.storageledger.support.ServiceProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Event ingestion: storage records (new assets) read from a Kafka topic of {@link KafkaBroker#PARTITIONS} partitions by
 * a service instance of its own (its consumers as configured by default), with the broker in this JVM. All the events are in the topic before the instance starts; it consumes a first half as its
 * warm-up, and the measured figure is the rate at which it consumes the rest (stored offsets, read from the database
 * every 20 ms). The instance runs on this JVM's classpath (the suite's own services run on the runtime one). Baseline: the batch API's records per second, measured in the same run by workload 3 (its own figure).
 */
final class IngestWorkload implements Workload {

    /** Customers the events are spread over (keyed by customer, as the topic is partitioned). */
    private static final int CUSTOMERS = 8;

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public List<Comparison> run(Target target, Settings settings) throws Exception {
        Comparison batch = new BatchWorkload().run(target, settings).getFirst();
        int measured = settings.batchSize() * 20;
        int warmup = measured / 2;
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "bench-ingest-" + run;
        KafkaBroker.topics(topic);
        int firstCustomer = target.scale().lastCustomer() + 3; // after the batch workload's two
        prepare(target, firstCustomer);
        List<Map.Entry<String, String>> events = new ArrayList<>(warmup + measured);
        for (int index = 0; index < warmup + measured; index++) {
            int customer = firstCustomer + index % CUSTOMERS;
            events.add(Map.entry(Integer.toString(customer), "{\"customer\":" + customer + ",\"space\":0,\"asset\":\"k" + topic.substring(13, 21)
                    + "-" + index + "\",\"size\":" + DataGenerator.size(index) + ",\"thumbnailSize\":1000}"));
        }
        KafkaBroker.send(topic, events);

        Map<String, String> environment = new HashMap<>(target.settings());
        environment.put("LEDGER_KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.servers());
        environment.put("LEDGER_KAFKA_GROUP", topic);
        environment.put("LEDGER_KAFKA_RECORDS_TOPIC", topic);
        long warmedAt = 0;
        long warmedOffsets = 0;
        long doneAt;
        long doneOffsets;
        try (ServiceProcess consumer = ServiceProcess.start(System.getProperty("java.class.path"), environment,
                Path.of("target", "bench", "service-ingest.log").toAbsolutePath())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (true) {
                long consumed = consumed(target, topic);
                long now = System.nanoTime();
                if (warmedAt == 0 && consumed >= warmup) {
                    warmedAt = now;
                    warmedOffsets = consumed;
                }
                if (consumed >= warmup + measured) {
                    doneAt = now;
                    doneOffsets = consumed;
                    break;
                }
                if (now > deadline) {
                    throw new IllegalStateException("The ingestion consumed " + consumed + " of " + (warmup + measured)
                            + " events in 10 minutes; see target/bench/service-ingest.log");
                }
                Thread.sleep(20); // the sampling period of the stored offsets: it bounds the error of the measured times
            }
        }
        long deadLetters = KafkaBroker.endOffsets(topic + ".dlq").values().stream().mapToLong(Long::longValue).sum();
        double seconds = (doneAt - warmedAt) / 1e9;
        Figure ingested = new Figure("events from Kafka", (doneOffsets - warmedOffsets) / seconds, Double.NaN, Double.NaN, deadLetters);
        return List.of(new Comparison(name() + " of " + measured + " records, after " + warmup + " to warm up (1 instance, " + KafkaBroker.PARTITIONS + " partitions)", ingested,
                batch.measured(), "records/s", "ratio >= 0.5 and >= 50,000 events/s"));
    }

    /** The customers of the events, under the batch workload's policy, each with space 0. */
    private static void prepare(Target target, int firstCustomer) throws Exception {
        try (Connection connection = target.database().connect(); Statement statement = connection.createStatement()) {
            for (int customer = firstCustomer; customer < firstCustomer + CUSTOMERS; customer++) {
                statement.execute("INSERT INTO customer (id, name, storage_policy) VALUES (" + customer
                        + ", 'ingest', 'bench-batch') ON CONFLICT DO NOTHING");
                statement.execute("INSERT INTO space (customer, id, name) VALUES (" + customer + ", 0, 'ingest') ON CONFLICT DO NOTHING");
            }
        }
    }

    /** The events the group has applied: the sum of its stored offsets (every partition starts at 0). */
    private static long consumed(Target target, String group) throws Exception {
        try (Connection connection = target.database().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT coalesce(sum(next_offset), 0) FROM ingest_offset WHERE consumer_group = '"
                     + group + "'")) {
            result.next();
            return result.getLong(1);
        }
    }
}
