package dev.storageledger.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft) in the tests' JVM, started on first use and stopped with the JVM; and the few clients the
 * ingestion tests need: a producer of text events, the end offsets of a topic, and a reader of its events.
 */
public final class KafkaBroker {

    /** Partitions of every topic the tests make: more than one, so that events are spread and ordered per key only. */
    public static final int PARTITIONS = 3;
    private static EmbeddedKafkaKraftBroker broker;

    private KafkaBroker() {
    }

    /** The broker's address (LEDGER_KAFKA_BOOTSTRAP_SERVERS), starting it on first use. */
    public static synchronized String servers() {
        if (broker == null) {
            EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
            started.brokerProperty("auto.create.topics.enable", "true");
            started.brokerProperty("num.partitions", Integer.toString(PARTITIONS));
            started.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaBroker::stop, "kafka-broker-stop"));
            broker = started;
        }
        return broker.getBrokersAsString();
    }

    /**
     * Stops the broker, if one was started (a later use starts another): a JVM that must end by itself calls it, as
     * the broker's threads would keep it running.
     */
    public static synchronized void stop() {
        if (broker != null) {
            broker.destroy();
            broker = null;
        }
    }

    /** Makes topics of {@link #PARTITIONS} partitions (their dead-letter topics too). */
    public static void topics(String... names) {
        servers();
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, PARTITIONS, (short) 1));
            topics.add(new NewTopic(name + ".dlq", PARTITIONS, (short) 1));
        }
        broker.addTopics(topics.toArray(NewTopic[]::new));
    }

    /** Sends the events (key, value; a null key for none) in their order, and waits until the broker has them all. */
    public static void send(String topic, List<Map.Entry<String, String>> events) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Not idempotent: on a loaded machine a request that timed out was retried by the idempotent producer with a
        // sequence the broker no longer expected (OutOfOrderSequenceException) until the events were dropped. One
        // request in flight keeps each partition's order on a retry; a retried event may be stored twice, which the
        // ingestion must take anyway (a duplicate changes nothing).
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
            for (Map.Entry<String, String> event : events) {
                sent.add(producer.send(new ProducerRecord<>(topic, event.getKey(), event.getValue())));
            }
            producer.flush();
            // An event the producer gave up on fails the test here, not as a wait for it that never ends.
            for (Future<RecordMetadata> event : sent) {
                event.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending events to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("An event could not be sent to " + topic, e.getCause());
        }
    }

    /** The end offset of each partition of the topic: the offset its next event will have. */
    public static Map<Integer, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<Integer, Long> ends = new HashMap<>();
            consumer.endOffsets(partitions).forEach((partition, end) -> ends.put(partition.partition(), end));
            return ends;
        }
    }

    /** Every event of the topic, from its start to its end as it is now. */
    public static List<ConsumerRecord<String, String>> readAll(String topic) {
        Map<Integer, Long> ends = endOffsets(topic);
        List<ConsumerRecord<String, String>> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = ends.keySet().stream().map(partition -> new TopicPartition(topic, partition)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition.partition()))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The events of " + topic + " could not be read within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(events::add);
            }
        }
        return events;
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "tests-" + UUID.randomUUID());
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(settings);
    }
}
