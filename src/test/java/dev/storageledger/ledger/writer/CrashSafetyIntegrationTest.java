package dev.storageledger.ledger.writer;

import static dev.storageledger.support.Json.array;
import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import dev.storageledger.support.ServiceProcess;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * An instance killed with SIGKILL in the middle of a stream of batches, at a moment when PostgreSQL shows one of them
 * inside its transaction: afterwards each batch is wholly present or wholly absent, and every total equals the
 * SUM/COUNT of the records. The stream alternates batches of new assets
 * (the plain-INSERT way) and batches that rewrite the previous batch's assets and add some (the general way).
 */
class CrashSafetyIntegrationTest extends IntegrationTest {

    private static final int NEW_PER_BATCH = 2_000;

    @Test
    void a_batch_cut_by_sigkill_is_all_there_or_not_at_all_and_the_totals_stay_exact() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 0);
        Map<Integer, Integer> answers = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();

        try (ServiceProcess instance = startInstance("crash").awaitHealth(Duration.ofSeconds(120))) {
            LedgerClient client = adminOf(instance.port());
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                for (int batch = 0; ; batch++) {
                    sent.set(batch + 1);
                    try {
                        answers.put(batch, client.post("/customers/" + customer + "/storageRecords", batch(batch)).status());
                    } catch (UncheckedIOException killed) {
                        return;
                    }
                }
            });
            Poll.until(() -> answers.size() >= 4 || stream.isDone(), Duration.ofSeconds(120));
            assertThat(answers).as("the instance answered the first batches").hasSizeGreaterThanOrEqualTo(4);
            // Kill it while PostgreSQL shows one of its batches in a transaction that has locked or written rows.
            Poll.until(this::aBatchIsInsideItsTransaction, Duration.ofSeconds(60));
            instance.kill();
            stream.get();
        }

        assertThat(answers.values()).allMatch(status -> status == 200);
        int batches = sent.get();
        assertThat(batches).isGreaterThan(answers.size()); // the last one was cut off
        List<Integer> applied = new ArrayList<>();
        for (int batch = 0; batch < batches; batch++) {
            long present = count(customer, "b" + batch + "-%");
            assertThat(present).as("batch %d's new assets", batch).isIn(0L, (long) NEW_PER_BATCH);
            if (present > 0) {
                applied.add(batch);
            }
            if (batch > 0 && present > 0) {
                // The rewrite of the batch before is there too, all of it: every asset of it has this batch's size.
                assertThat(sizesOf(customer, "b" + (batch - 1) + "-%")).as("batch %d's rewrites", batch).containsExactly(size(batch));
            }
        }
        assertThat(applied).containsAll(answers.keySet());
        assertThat(applied.size()).isIn(answers.size(), answers.size() + 1);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM customer c
                        JOIN (SELECT customer, count(*) AS n, sum(size) AS size, sum(thumbnail_size) AS thumbnails FROM asset
                              WHERE customer = :customer GROUP BY customer) a ON a.customer = c.id
                        JOIN space s ON s.customer = c.id AND s.id = 0
                        WHERE c.number_of_stored_images = a.n AND c.total_size_of_stored_images = a.size
                          AND c.total_size_of_thumbnails = a.thumbnails AND s.number_of_stored_images = a.n
                          AND s.total_size_of_stored_images = a.size AND s.total_size_of_thumbnails = a.thumbnails
                        """).param("customer", customer).query(Long.class).single()).isEqualTo(1);
    }

    private boolean aBatchIsInsideItsTransaction() {
        return jdbc.sql("""
                        SELECT count(*) > 0 FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL
                        """).query(Boolean.class).single();
    }

    /** Batch n: 2,000 new assets "bn-i" of size n + 1, and from n = 1 on the previous batch's assets rewritten to n + 1. */
    private static ObjectNode batch(int n) {
        Stream<ObjectNode> fresh = IntStream.range(0, NEW_PER_BATCH).mapToObj(i -> record("b" + n + "-" + i, n));
        Stream<ObjectNode> rewrites = n == 0 ? Stream.empty()
                : IntStream.range(0, NEW_PER_BATCH).mapToObj(i -> record("b" + (n - 1) + "-" + i, n));
        return object("records", array(Stream.concat(fresh, rewrites).toList()));
    }

    private static ObjectNode record(String asset, int batch) {
        return object("space", 0, "asset", asset, "size", size(batch), "thumbnailSize", 1);
    }

    private static long size(int batch) {
        return batch + 1;
    }

    private long count(int customer, String pattern) {
        return jdbc.sql("SELECT count(*) FROM asset WHERE customer = :customer AND id LIKE :pattern")
                .param("customer", customer).param("pattern", pattern).query(Long.class).single();
    }

    private List<Long> sizesOf(int customer, String pattern) {
        return jdbc.sql("SELECT DISTINCT size FROM asset WHERE customer = :customer AND id LIKE :pattern")
                .param("customer", customer).param("pattern", pattern).query(Long.class).list();
    }
}
