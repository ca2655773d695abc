package dev.storageledger.ledger.writer;

import static dev.storageledger.support.Json.array;
import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * 32 writers race over HTTP to add assets to one customer or space whose policy allows a few of them: exactly the
 * writes that fit are accepted, and the totals end at or below the limit with no update lost.
 */
class LimitRaceIntegrationTest extends IntegrationTest {

    private static final int THREADS = 32;
    private static final int WRITES_PER_THREAD = 4;
    private static final long UNLIMITED = Long.MAX_VALUE;

    record Attempt(String asset, long size, int status) {
    }

    @Test
    void racing_writers_never_take_a_customer_past_its_number_of_images() throws Exception {
        int customer = customerWithPolicy(37, UNLIMITED);

        List<Attempt> attempts = race(customer, 0, random -> 1000L);

        assertThat(attempts).filteredOn(attempt -> attempt.status() == 201).hasSize(37);
        assertThat(attempts).filteredOn(attempt -> attempt.status() == 507).hasSize(THREADS * WRITES_PER_THREAD - 37);
        JsonNode storage = admin().get("/customers/" + customer + "/storage").json();
        assertThat(storage.get("numberOfStoredImages").asLong()).isEqualTo(37);
        assertThat(storage.get("totalSizeOfStoredImages").asLong()).isEqualTo(37 * 1000L);
    }

    @Test
    void racing_writers_of_random_sizes_fill_a_customer_exactly_to_its_total_size() throws Exception {
        long maximum = 5_000_000;
        int customer = customerWithPolicy(1_000_000, maximum);

        List<Attempt> attempts = race(customer, 0, random -> 10_000L + random.nextInt(200_000));

        long accepted = attempts.stream().filter(attempt -> attempt.status() == 201).mapToLong(Attempt::size).sum();
        long total = admin().get("/customers/" + customer + "/storage").json().get("totalSizeOfStoredImages").asLong();
        assertThat(total).isEqualTo(accepted).isLessThanOrEqualTo(maximum);
        // Totals only grow in this race, so a refused write saw at most the final total: it could not have fitted.
        assertThat(attempts).filteredOn(attempt -> attempt.status() == 507)
                .isNotEmpty()
                .allSatisfy(refused -> assertThat(refused.size()).isGreaterThan(maximum - total));
        assertThat(attempts).allSatisfy(attempt -> assertThat(attempt.status()).isIn(201, 507));
    }

    @Test
    void racing_writers_never_take_a_space_past_its_own_policy() throws Exception {
        int customer = customerWithPolicy(1_000_000, UNLIMITED);
        String policy = "race-space-" + customer;
        given.policy(policy, 1000, 50_000);
        given.space(customer, 1, policy);

        List<Attempt> attempts = race(customer, 1, random -> 1000L);

        assertThat(attempts).filteredOn(attempt -> attempt.status() == 201).hasSize(50);
        JsonNode space = admin().get("/customers/" + customer + "/spaces/1/storage").json();
        assertThat(space.get("totalSizeOfStoredImages").asLong()).isEqualTo(50_000);
        assertThat(space.get("storagePolicy").stringValue()).endsWith("/storagePolicies/" + policy);
        JsonNode whole = admin().get("/customers/" + customer + "/storage").json();
        assertThat(whole.get("numberOfStoredImages").asLong()).isEqualTo(50);
    }

    @Test
    void racing_batches_are_accepted_whole_or_refused_whole() throws Exception {
        int customer = customerWithPolicy(37, UNLIMITED);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        allAtOnce(writer -> {
            List<ObjectNode> records = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                records.add(object("space", 0, "asset", "b" + writer + "-" + i, "size", 10));
            }
            statuses.add(admin().post("/customers/" + customer + "/storageRecords", object("records", array(records))).status());
        });

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(7);
        assertThat(statuses).filteredOn(status -> status == 507).hasSize(THREADS - 7);
        assertThat(admin().get("/customers/" + customer + "/storage").json().get("numberOfStoredImages").asLong()).isEqualTo(35);
    }

    @Test
    void writes_that_share_a_transaction_are_answered_each_on_its_own() throws Exception {
        int customer = customerWithPolicy(1_000_000, 100_000);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());

        allAtOnce(writer -> {
            String path = switch (writer % 4) {
                case 0 -> "/customers/" + customer + "/spaces/0/images/fits-" + writer;
                case 1 -> "/customers/" + customer + "/spaces/404/images/nowhere-" + writer;
                case 2 -> "/customers/999999999/spaces/0/images/nobody-" + writer;
                default -> "/customers/" + customer + "/spaces/0/images/too-big-" + writer;
            };
            long size = writer % 4 == 3 ? 100_001 : 10;
            statuses.add(writer % 4 * 1000 + admin().put(path, object("size", size)).status());
        });

        assertThat(statuses).filteredOn(status -> status / 1000 == 0).hasSize(THREADS / 4).allMatch(status -> status == 201);
        assertThat(statuses).filteredOn(status -> status / 1000 == 1).hasSize(THREADS / 4).allMatch(status -> status == 1404);
        assertThat(statuses).filteredOn(status -> status / 1000 == 2).hasSize(THREADS / 4).allMatch(status -> status == 2404);
        assertThat(statuses).filteredOn(status -> status / 1000 == 3).hasSize(THREADS / 4).allMatch(status -> status == 3507);
        JsonNode storage = admin().get("/customers/" + customer + "/storage").json();
        assertThat(storage.get("numberOfStoredImages").asLong()).isEqualTo(THREADS / 4);
        assertThat(storage.get("totalSizeOfStoredImages").asLong()).isEqualTo(THREADS / 4 * 10L);
    }

    private int customerWithPolicy(long images, long size) {
        int customer = newCustomerId();
        String policy = "race-" + customer;
        given.policy(policy, images, size);
        given.customer(customer, policy);
        given.space(customer, 0);
        return customer;
    }

    interface Sizes {
        long next(Random random);
    }

    private List<Attempt> race(int customer, int space, Sizes sizes) throws Exception {
        List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        allAtOnce(writer -> {
            Random random = new Random(writer);
            LedgerClient admin = admin();
            for (int i = 0; i < WRITES_PER_THREAD; i++) {
                String asset = "w" + writer + "-" + i;
                long size = sizes.next(random);
                int status = admin.put("/customers/" + customer + "/spaces/" + space + "/images/" + asset,
                        object("size", size, "thumbnailSize", 7)).status();
                attempts.add(new Attempt(asset, size, status));
            }
        });
        return attempts;
    }

    interface Writer {
        void write(int writer) throws Exception;
    }

    /** Runs THREADS writers released at the same instant, and waits for them all. */
    private static void allAtOnce(Writer writer) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int id = thread;
                writers.add(pool.submit(() -> {
                    start.await();
                    writer.write(id);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> running : writers) {
                running.get();
            }
        }
    }
}
