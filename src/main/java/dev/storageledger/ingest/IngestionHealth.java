package dev.storageledger.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * "kafkaIngestion" in /actuator/health: UP while every topic's consumer runs and its last poll committed; each topic's
 * partitions assigned to this instance, its last commit, and since when and why its polls fail (details for the
 * administrator only). Not part of readiness: the API serves whatever the consumers do.
 */
final class IngestionHealth implements HealthIndicator {

    private final List<TopicConsumer> consumers;
    private final IngestionContainers containers;

    IngestionHealth(List<TopicConsumer> consumers, IngestionContainers containers) {
        this.consumers = List.copyOf(consumers);
        this.containers = containers;
    }

    @Override
    public Health health() {
        boolean up = true;
        Map<String, Object> topics = new LinkedHashMap<>();
        for (TopicConsumer consumer : consumers) {
            Map<String, Object> details = new LinkedHashMap<>();
            boolean running = containers.isRunning(consumer.topic());
            details.put("running", running);
            details.put("partitions", consumer.assignedPartitions());
            details.put("deadLetterTopic", consumer.deadLetterTopic());
            if (consumer.lastCommitted() != null) {
                details.put("lastCommitted", consumer.lastCommitted().toString());
            }
            TopicConsumer.Failing failing = consumer.failing();
            if (failing != null) {
                details.put("failingSince", failing.since().toString());
                details.put("error", failing.error());
            }
            up &= running && failing == null;
            topics.put(consumer.topic(), details);
        }
        return (up ? Health.up() : Health.down()).withDetail("topics", topics).build();
    }
}
