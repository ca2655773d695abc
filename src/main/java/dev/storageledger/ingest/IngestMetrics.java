package dev.storageledger.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The ingestion's meters: {@code ledger_ingest_events_total{topic, outcome}} (applied; unchanged: older than what was
 * applied, or storing nothing; dead_lettered; already_applied: consumed again after a rebalance or a replay, and
 * skipped), {@code ledger_ingest_transactions_total{topic}}, and {@code ledger_ingest_lag{topic, partition}}, the
 * events of each assigned partition not consumed yet, as of the last poll.
 */
final class IngestMetrics {

    private final MeterRegistry registry;
    private final Map<TopicPartition, Gauge> lagGauges = new ConcurrentHashMap<>();
    private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the topic's counters at zero, so that they are served before its first event. */
    void register(String topic) {
        for (String outcome : new String[] {"applied", "unchanged", "dead_lettered", "already_applied"}) {
            events(topic, outcome);
        }
        transactions(topic);
    }

    void committed(String topic, int applied, int unchanged, int deadLettered, int alreadyApplied) {
        events(topic, "applied").increment(applied);
        events(topic, "unchanged").increment(unchanged);
        events(topic, "dead_lettered").increment(deadLettered);
        events(topic, "already_applied").increment(alreadyApplied);
        transactions(topic).increment();
    }

    void lag(TopicPartition partition, long lag) {
        lags.computeIfAbsent(partition, key -> {
            AtomicLong value = new AtomicLong();
            lagGauges.put(key, Gauge.builder("ledger.ingest.lag", value, AtomicLong::get)
                    .description("Events of the partition not consumed yet, as of the last poll")
                    .tag("topic", key.topic()).tag("partition", Integer.toString(key.partition())).register(registry));
            return value;
        }).set(lag);
    }

    /** A partition no longer assigned to this instance: its lag is another's to report. */
    void forget(TopicPartition partition) {
        Gauge gauge = lagGauges.remove(partition);
        if (gauge != null) {
            registry.remove(gauge);
        }
        lags.remove(partition);
    }

    private Counter events(String topic, String outcome) {
        return Counter.builder("ledger.ingest.events").description("Events consumed from a Kafka topic, by what they did")
                .tag("topic", topic).tag("outcome", outcome).register(registry);
    }

    private Counter transactions(String topic) {
        return Counter.builder("ledger.ingest.transactions").description("Transactions that applied a poll's events")
                .tag("topic", topic).register(registry);
    }
}
