package dev.storageledger.ingest;

import dev.storageledger.ledger.writer.LedgerWriter;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * The consumers of one topic (the threads of its container, each with its own partitions). Each poll's events are
 * applied in one transaction that also stores, for each partition, the next offset to consume: it first locks those
 * offset rows, skips the events before them (applied already, by this
 * instance or another, before a rebalance, a crash or a replay), applies the rest and moves the offsets past them, so
 * that an event's effect and its consumption commit together or not at all. On assignment the consumer seeks to the
 * stored offsets (a partition without one: to its start). Bad events go to {@code <topic>.dlq}, with the reason in the
 * {@code ledger-error} header: stored by the transaction, sent after it commits ({@link DeadLetterOutbox}), so that no
 * broker is waited for while the ledger's totals rows are locked. A poll whose letters are not taken fails after its
 * commit and is run again: its events are skipped as applied, and its letters sent again. A dead letter may be sent
 * twice, never lost.
 */
final class TopicConsumer implements BatchConsumerAwareMessageListener<byte[], byte[]>, ConsumerAwareRebalanceListener {

    static final String ERROR_HEADER = "ledger-error";
    private static final Logger log = LoggerFactory.getLogger(TopicConsumer.class);

    private final String group;
    private final String topic;
    private final Events events;
    private final IngestRepository rows;
    private final LedgerWriter writer;
    private final DeadLetterOutbox deadLetters;
    private final IngestMetrics metrics;
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private volatile Instant lastCommitted;
    /** The failing polls of this topic's consumers (each a thread of its container), by consumer. */
    private final Map<Thread, Failing> failing = new ConcurrentHashMap<>();

    /** A poll whose transaction fails, since when, and why. */
    record Failing(Instant since, String error) {
    }

    TopicConsumer(String group, String topic, Events events, IngestRepository rows, LedgerWriter writer,
            DeadLetterOutbox deadLetters, IngestMetrics metrics) {
        this.group = group;
        this.topic = topic;
        this.events = events;
        this.rows = rows;
        this.writer = writer;
        this.deadLetters = deadLetters;
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
            Committed committed = applying(records);
            lastCommitted = Instant.now();
            Events.Result result = committed.result();
            metrics.committed(topic, result.applied(), result.unchanged(), result.deadLetters().size(), committed.alreadyApplied());
            deadLetters.send(group, topic, deadLetterTopic(), records.stream().map(ConsumerRecord::partition).distinct().toList());
            failing.remove(Thread.currentThread());
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

    /**
     * The poll in a write transaction of the writer's (which runs it again when it loses a race); again with a write
     * per event when a combined write was refused.
     */
    private Committed applying(List<ConsumerRecord<byte[], byte[]>> records) {
        try {
            return writer.inTransaction(transaction -> applyOnce(records, false, transaction));
        } catch (Events.CombinedWriteRefused e) {
            return writer.inTransaction(transaction -> applyOnce(records, true, transaction));
        }
    }

    private Committed applyOnce(List<ConsumerRecord<byte[], byte[]>> records, boolean each, LedgerWriter.Transaction transaction) {
        List<Integer> partitions = records.stream().map(ConsumerRecord::partition).distinct().sorted().toList();
        rows.planForKeys();
        Map<Integer, Long> next = rows.lockOffsets(group, topic, partitions);
        List<ConsumerRecord<byte[], byte[]>> fresh = records.stream().filter(record -> record.offset() >= next.get(record.partition())).toList();
        if (fresh.isEmpty()) {
            return new Committed(new Events.Result(0, 0, List.of()), records.size());
        }
        Events.Result result = each ? events.applyEach(fresh, transaction) : events.apply(fresh, transaction);
        Map<Integer, Long> consumed = new HashMap<>();
        fresh.forEach(record -> consumed.merge(record.partition(), record.offset() + 1, Math::max));
        rows.saveOffsets(group, topic, consumed);
        deadLetters.keep(group, result.deadLetters());
        return new Committed(result, records.size() - fresh.size());
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
        try {
            // Letters that an earlier owner of the partitions stored and could not send.
            deadLetters.send(group, topic, deadLetterTopic(), partitions.stream().map(TopicPartition::partition).toList());
        } catch (RuntimeException e) {
            log.warn("Stored dead letters of {} could not be sent; they are sent with the partitions' next poll: {}", topic, e.toString());
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
