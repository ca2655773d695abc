package dev.storageledger.ingest;

import dev.storageledger.LedgerProperties;
import dev.storageledger.ledger.writer.LedgerWriter;
import dev.storageledger.storage.RealStorage;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Event ingestion from Kafka: present only when LEDGER_KAFKA_BOOTSTRAP_SERVERS is set. A container of
 * LEDGER_KAFKA_CONSUMERS consumers for the records topic, and one for the bucket-notifications topic when
 * LEDGER_KAFKA_S3_TOPIC is set, in the consumer group LEDGER_KAFKA_GROUP (each consumer with its share of the
 * partitions, applying its polls in transactions of its own); the producer of their dead letters, sent after each commit; the meters and the
 * health of the consumers.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(IngestionConfiguration.KafkaConfigured.class)
class IngestionConfiguration {

    /** A failed poll (the database unreachable, the dead-letter topic unwritable) is tried again every second, for ever. */
    private static final long RETRY_INTERVAL_MILLIS = 1_000;
    /**
     * The most bytes fetched at once of one partition: a full poll of small events (about 110 bytes each on the wire)
     * from one partition, where Kafka's default (1 MiB) left every few polls a short one, each costing a transaction.
     */
    private static final int PARTITION_FETCH_BYTES = 4 * 1024 * 1024;

    /** Whether LEDGER_KAFKA_BOOTSTRAP_SERVERS is set (blank is not set). */
    static final class KafkaConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("ledger.kafka.bootstrap-servers"));
        }
    }

    /** The consumers of the configured topics, in the order they are listed in health. */
    record Consumers(List<TopicConsumer> consumers) {
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Bean
    KafkaTemplate<byte[], byte[]> deadLetterTemplate(LedgerProperties.Kafka kafka) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "storage-ledger-dead-letters");
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(settings));
    }

    @Bean
    Consumers ingestConsumers(LedgerProperties.Kafka kafka, LedgerProperties.Storage storageSettings, LedgerWriter writer,
            IngestRepository rows, RealStorage storage, KafkaTemplate<byte[], byte[]> deadLetterTemplate, IngestMetrics metrics) {
        DeadLetterOutbox deadLetters = new DeadLetterOutbox(rows, deadLetterTemplate);
        List<TopicConsumer> consumers = new ArrayList<>();
        consumers.add(new TopicConsumer(kafka.group(), kafka.recordsTopic(), new RecordEvents(rows), rows, writer,
                deadLetters, metrics));
        if (kafka.s3Configured()) {
            LedgerProperties.S3 s3 = storageSettings.s3();
            BucketNotification.Layouts layouts = new BucketNotification.Layouts(storage.files(), storage.thumbnails(),
                    s3.configured() ? s3.bucket() : null);
            consumers.add(new TopicConsumer(kafka.group(), kafka.s3Topic(), new BucketEvents(rows, layouts), rows, writer,
                    deadLetters, metrics));
        }
        return new Consumers(List.copyOf(consumers));
    }

    @Bean
    IngestionContainers ingestContainers(LedgerProperties.Kafka kafka, Consumers consumers) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.group());
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, kafka.maxPollRecords());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, PARTITION_FETCH_BYTES);
        DefaultKafkaConsumerFactory<byte[], byte[]> factory = new DefaultKafkaConsumerFactory<>(settings);
        List<ConcurrentMessageListenerContainer<byte[], byte[]>> containers = new ArrayList<>();
        for (TopicConsumer consumer : consumers.consumers()) {
            ContainerProperties container = new ContainerProperties(consumer.topic());
            container.setMessageListener(consumer);
            container.setConsumerRebalanceListener(consumer);
            container.setClientId("storage-ledger-" + consumer.topic());
            // Kafka's committed offsets only say where to start when the stored ones cannot be read (see TopicConsumer):
            // committed without waiting for the broker, a poll does not wait a round trip for them.
            container.setSyncCommits(false);
            ConcurrentMessageListenerContainer<byte[], byte[]> listener = new ConcurrentMessageListenerContainer<>(factory, container);
            listener.setBeanName("ledger-ingest-" + consumer.topic());
            listener.setConcurrency(kafka.consumers());
            listener.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(RETRY_INTERVAL_MILLIS, FixedBackOff.UNLIMITED_ATTEMPTS)));
            containers.add(listener);
        }
        return new IngestionContainers(containers);
    }

    @Bean
    HealthIndicator kafkaIngestionHealthIndicator(Consumers consumers, IngestionContainers containers) {
        return new IngestionHealth(consumers.consumers(), containers);
    }
}
