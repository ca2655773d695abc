package dev.storageledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.Json;
import dev.storageledger.support.KafkaBroker;
import dev.storageledger.support.Poll;
import dev.storageledger.support.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Several instances in one consumer group, each a process of its own: a second one joins mid-stream, the first is
 * killed with SIGKILL mid-stream and started again, and every event is applied exactly once in its partition's order:
 * each asset ends as the last event sent for it left it (an event applied again after a later one would leave an
 * older figure), and every total equals the sums.
 */
class KafkaInstancesIntegrationTest extends IntegrationTest {

    private static final int CUSTOMERS = 9;
    private static final int ASSETS = 30;

    @Test
    void a_second_instance_joining_and_the_first_killed_and_restarted_mid_stream_apply_every_event_once() throws Exception {
        String topic = "ledger-instances-" + UUID.randomUUID();
        String group = "ledger-instances-" + UUID.randomUUID();
        KafkaBroker.topics(topic);
        List<Integer> customers = new ArrayList<>();
        for (int index = 0; index < CUSTOMERS; index++) {
            int customer = newCustomerId();
            given.customer(customer);
            given.space(customer, 1);
            customers.add(customer);
        }
        Map<String, String> settings = Map.of("LEDGER_KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.servers(), "LEDGER_KAFKA_GROUP", group,
                "LEDGER_KAFKA_RECORDS_TOPIC", topic, "LEDGER_KAFKA_MAX_POLL_RECORDS", "100");
        Map<String, Long> expected = new HashMap<>(); // "customer/asset" -> size of the last event sent for it
        AtomicBoolean enough = new AtomicBoolean();
        ServiceProcess first = startInstance("ingest-first", settings).awaitHealth(Duration.ofSeconds(180));
        ServiceProcess second = null;
        ServiceProcess restarted = null;
        try {
            // Slices of events, one every 300 ms, until the instances have joined, died and come back.
            CompletableFuture<Integer> stream = CompletableFuture.supplyAsync(() -> {
                int slice = 0;
                while (!enough.get() || slice < 20) {
                    List<Map.Entry<String, String>> events = new ArrayList<>();
                    for (int customer : customers) {
                        for (int asset = slice % 3; asset < ASSETS; asset += 3) {
                            long size = 1_000L * slice + asset;
                            events.add(Map.entry(Integer.toString(customer), Json.object("customer", customer, "space", 1, "asset",
                                    "i-" + asset, "size", size).toString()));
                            expected.put(customer + "/i-" + asset, size);
                        }
                    }
                    KafkaBroker.send(topic, events);
                    slice++;
                    try {
                        Thread.sleep(300); // pacing, so that the stream is still flowing while instances come and go
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                return slice;
            });
            awaitSomeConsumed(group, topic);
            second = startInstance("ingest-second", settings).awaitHealth(Duration.ofSeconds(180));
            awaitAssigned(second, topic); // the group rebalanced with both instances alive
            first.kill();
            restarted = startInstance("ingest-restarted", settings).awaitHealth(Duration.ofSeconds(180));
            awaitAssigned(restarted, topic); // after the group gave up the killed one
            enough.set(true);
            int slices = stream.get();
            assertThat(slices).isGreaterThanOrEqualTo(20);

            Map<Integer, Long> ends = KafkaBroker.endOffsets(topic);
            Poll.until(() -> consumed(group, topic, ends), Duration.ofSeconds(180));
        } finally {
            enough.set(true);
            first.close();
            if (second != null) {
                second.close();
            }
            if (restarted != null) {
                restarted.close();
            }
        }

        Map<String, Long> stored = new HashMap<>();
        jdbc.sql("SELECT customer, id, size FROM asset WHERE customer = ANY(:customers)")
                .param("customers", customers.toArray(Integer[]::new)).query(row -> {
                    stored.put(row.getInt(1) + "/" + row.getString(2), row.getLong(3));
                });
        assertThat(stored).isEqualTo(expected);
        for (int customer : customers) {
            JsonNode storage = admin().get("/customers/" + customer + "/storage").json();
            assertThat(storage.get("numberOfStoredImages").asLong()).isEqualTo(ASSETS);
            assertThat(storage.get("totalSizeOfStoredImages").asLong()).isEqualTo(expected.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(customer + "/")).mapToLong(Map.Entry::getValue).sum());
        }
    }

    /** Waits until the group has applied some of the stream: the first instance is then killed mid-stream, not before it. */
    private void awaitSomeConsumed(String group, String topic) throws Exception {
        Poll.until(() -> jdbc.sql("SELECT coalesce(sum(next_offset), 0) > 0 FROM ingest_offset WHERE consumer_group = :group AND topic = :topic")
                .param("group", group).param("topic", topic).query(Boolean.class).single(), Duration.ofSeconds(60));
    }

    /** Waits until the instance's health shows partitions of the topic assigned to it. */
    private void awaitAssigned(ServiceProcess instance, String topic) throws Exception {
        Poll.until(() -> adminOf(instance.port()).get("/actuator/health").json().path("components")
                .path("kafkaIngestion").path("details").path("topics").path(topic).path("partitions").size() > 0, Duration.ofSeconds(120));
    }

    private boolean consumed(String group, String topic, Map<Integer, Long> ends) {
        Map<Integer, Long> stored = new HashMap<>();
        jdbc.sql("SELECT kafka_partition, next_offset FROM ingest_offset WHERE consumer_group = :group AND topic = :topic")
                .param("group", group).param("topic", topic).query(row -> {
                    stored.put(row.getInt(1), row.getLong(2));
                });
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0 || stored.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }
}
