package dev.storageledger.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The consumers of one topic (the threads of its container, each with its own partitions). Each poll's events are
 * applied in one transaction that also stores, for each partition, the next offset to consume: it first locks those
 * offset rows, skips the events before them (applied already, by this
 * instance or another, before a rebalance, a crash or a replay), applies the rest and moves the offsets past them, so
 * that an event's effect and its consumption commit together or not at all. On assignment the consumer seeks to the
 * stored offsets (a partition without one: to its start). Bad events go to {@code <topic>.dlq}, with the reason in the
 * {@code ledger-error} header, before the transaction commits: a dead letter may be sent twice, never lost.
 */
final class TopicConsumer implements BatchConsumerAwareMessageListener<byte[], byte[]>, ConsumerAwareRebalanceListener {

    static final String ERROR_HEADER = "ledger-error";
    private static final Logger log = LoggerFactory.getLogger(TopicConsumer.class);
    /** A transaction that loses a race (a deadlock, a serialisation failure) is run again, up to this many times. */
    private static final int MAX_ATTEMPTS = 25;

    private final String group;
    private final String topic;
    private final Events events;
    private final IngestRepository rows;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<byte[], byte[]> producer;
    private final IngestMetrics metrics;
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private volatile Instant lastCommitted;
    /** The failing polls of this topic's consumers (each a thread of its container), by consumer. */
    private final Map<Thread, Failing> failing = new ConcurrentHashMap<>();

    /** A poll whose transaction fails, since when, and why. */
    record Failing(Instant since, String error) {
    }

    TopicConsumer(String group, String topic, Events events, IngestRepository rows, TransactionTemplate transactions,
            KafkaTemplate<byte[], byte[]> producer, IngestMetrics metrics) {
        this.group = group;
        this.topic = topic;
        this.events = events;
        this.rows = rows;
        this.transactions = transactions;
        this.producer = producer;
        this.metrics = metrics;
        metrics.register(topic);
    }

    String topic() {
        return topic;
    }

    String deadLetterTopic() {
        return topic + ".dlq";
    }

    List<Integer> assignedPartitions() {
        return assigned.stream().map(TopicPartition::partition).sorted().toList();
    }

    Instant lastCommitted() {
        return lastCommitted;
    }

    /** The consumer failing longest, if one is. */
    Failing failing() {
        return failing.values().stream().min(Comparator.comparing(Failing::since)).orElse(null);
    }

    private record Committed(Events.Result result, int alreadyApplied) {
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
        try {
            Committed committed = retrying(records);
            failing.remove(Thread.currentThread());
            lastCommitted = Instant.now();
            Events.Result result = committed.result();
            metrics.committed(topic, result.applied(), result.unchanged(), result.deadLetters().size(), committed.alreadyApplied());
        } catch (RuntimeException e) {
            failing.merge(Thread.currentThread(), new Failing(Instant.now(), e.toString()),
                    (before, now) -> new Failing(before.since(), now.error()));
            log.warn("The events of {} at offsets {} were not applied; they are tried again: {}", topic, firstOffsets(records), e.toString());
            throw e;
        } finally {
            for (TopicPartition partition : consumer.assignment()) {
                consumer.currentLag(partition).ifPresent(lag -> metrics.lag(partition, lag));
            }
        }
    }

    private Committed retrying(List<ConsumerRecord<byte[], byte[]>> records) {
        boolean each = false;
        for (int attempt = 1; ; attempt++) {
            try {
                boolean oneByOne = each;
                return transactions.execute(status -> applyOnce(records, oneByOne));
            } catch (Events.CombinedWriteRefused e) {
                each = true;
            } catch (TransientDataAccessException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Committed applyOnce(List<ConsumerRecord<byte[], byte[]>> records, boolean each) {
        List<Integer> partitions = records.stream().map(ConsumerRecord::partition).distinct().sorted().toList();
        rows.planForKeys();
        Map<Integer, Long> next = rows.lockOffsets(group, topic, partitions);
        List<ConsumerRecord<byte[], byte[]>> fresh = records.stream().filter(record -> record.offset() >= next.get(record.partition())).toList();
        if (fresh.isEmpty()) {
            return new Committed(new Events.Result(0, 0, List.of()), records.size());
        }
        Events.Result result = each ? events.applyEach(fresh) : events.apply(fresh);
        Map<Integer, Long> consumed = new HashMap<>();
        fresh.forEach(record -> consumed.merge(record.partition(), record.offset() + 1, Math::max));
        rows.saveOffsets(group, topic, consumed);
        send(result.deadLetters());
        return new Committed(result, records.size() - fresh.size());
    }

    /** Sends the dead letters and waits for the broker to have them all, so that the transaction commits only then. */
    private void send(List<Events.DeadLetter> deadLetters) {
        List<CompletableFuture<SendResult<byte[], byte[]>>> sent = new ArrayList<>();
        for (Events.DeadLetter letter : deadLetters) {
            ConsumerRecord<byte[], byte[]> event = letter.event();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic(), null, event.key(), event.value());
            record.headers().add(ERROR_HEADER, letter.reason().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ledger-topic", event.topic().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ledger-partition", Integer.toString(event.partition()).getBytes(StandardCharsets.UTF_8));
            record.headers().add("ledger-offset", Long.toString(event.offset()).getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(record));
        }
        for (CompletableFuture<SendResult<byte[], byte[]>> send : sent) {
            try {
                send.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("Interrupted while sending dead letters to " + deadLetterTopic(), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new KafkaException("Dead letters could not be sent to " + deadLetterTopic(), e);
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            Map<Integer, Long> stored = rows.offsets(group, topic, partitions.stream().map(TopicPartition::partition).toList());
            for (TopicPartition partition : partitions) {
                Long offset = stored.get(partition.partition());
                if (offset != null) {
                    consumer.seek(partition, offset);
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
        } catch (RuntimeException e) {
            // Kafka's own committed offsets are never past the stored ones (they are committed after the transaction),
            // and the events before the stored ones are skipped: starting from them applies nothing twice.
            log.warn("The stored offsets of {} could not be read; consuming from Kafka's committed offsets: {}", topic, e.toString());
        }
        assigned.addAll(partitions);
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    /** Partitions taken from the calling consumer: it no longer fails at them either. */
    private void forget(Collection<TopicPartition> partitions) {
        failing.remove(Thread.currentThread());
        assigned.removeAll(partitions);
        partitions.forEach(metrics::forget);
    }

    private static String firstOffsets(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, Long> first = new HashMap<>();
        records.forEach(record -> first.merge(record.partition(), record.offset(), Math::min));
        return first.toString();
    }
}
