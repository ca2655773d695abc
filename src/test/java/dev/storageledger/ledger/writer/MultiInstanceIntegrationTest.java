package dev.storageledger.ledger.writer;

import static dev.storageledger.support.Json.array;
import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two service instances, each a process of its own, on one PostgreSQL; 64 concurrent writers spread over both mix
 * reservations (made, used up with other sizes, released, left to expire), records, batches and deletes against
 * tight limits of customers, spaces and owners. A monitor checks every limit all the while, each time in one
 * snapshot: what is stored and reserved never passes one. At the end every total equals a fresh SUM/COUNT.
 */
class MultiInstanceIntegrationTest extends IntegrationTest {

    private static final int WRITERS = 64;
    private static final int OPERATIONS_PER_WRITER = 50;
    private static final int SPACES = 2;
    private static final int ASSETS_PER_SPACE = 30;
    private static final String[] OWNERS = {null, "o1", "o2"};
    private static final Set<Integer> ANSWERS = Set.of(200, 201, 204, 404, 507);

    @Test
    void limits_hold_at_every_moment_and_totals_stay_exact_with_two_instances_and_64_writers() throws Exception {
        List<Integer> tenants = tenants();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger checks = new AtomicInteger();
        List<String> violations = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);

        try (ServiceProcess first = startInstance("first"); ServiceProcess second = startInstance("second")) {
            first.awaitHealth(Duration.ofSeconds(180));
            second.awaitHealth(Duration.ofSeconds(180));
            List<LedgerClient> instances = List.of(adminOf(first.port()), adminOf(second.port()));
            CompletableFuture<Void> monitor = CompletableFuture.runAsync(() -> {
                while (writing.get()) {
                    List<String> found = limitsPassed(tenants);
                    synchronized (violations) {
                        violations.addAll(found);
                    }
                    checks.incrementAndGet();
                }
            });
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
                List<Future<?>> writers = new ArrayList<>();
                for (int writer = 0; writer < WRITERS; writer++) {
                    LedgerClient instance = instances.get(writer % 2);
                    Random random = new Random(5000 + writer);
                    writers.add(pool.submit(() -> {
                        start.await();
                        List<String[]> mine = new ArrayList<>(); // {customer, reservation id}
                        for (int operation = 0; operation < OPERATIONS_PER_WRITER; operation++) {
                            int status = randomOperation(instance, tenants.get(random.nextInt(tenants.size())), random, mine);
                            statuses.merge(status, 1, Integer::sum);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> writer : writers) {
                    writer.get();
                }
            } finally {
                writing.set(false);
                monitor.get();
            }
            for (LedgerClient instance : instances) {
                assertThat(instance.get("/actuator/prometheus").body()).as("each instance applied writes")
                        .containsPattern("ledger_writes_total\\{operation=\"record\",outcome=\"accepted\"\\} [1-9]");
            }
        }

        System.out.printf("answers by status %s; %d snapshots checked while writing%n", statuses, checks.get());
        assertThat(statuses.keySet()).as("answers: %s, unexpected ones: %s", statuses, UNEXPECTED).allMatch(ANSWERS::contains);
        assertThat(statuses.getOrDefault(507, 0)).as("refusals: %s", statuses).isGreaterThan(50);
        assertThat(statuses.getOrDefault(201, 0) + statuses.getOrDefault(200, 0)).isGreaterThan(500);
        assertThat(checks.get()).isGreaterThan(10);
        assertThat(violations).isEmpty();
        assertThat(totalsThatDifferFromTheirRecords(tenants)).isEmpty();
    }

    /** Three customers of 40 assets and 2,000,000 bytes; space 0 of each at most 15 and 800,000; owners of 700,000. */
    private List<Integer> tenants() {
        List<Integer> tenants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int customer = newCustomerId();
            given.policy("multi-" + customer, 40, 2_000_000);
            given.policy("multi-space-" + customer, 15, 800_000);
            given.customer(customer, "multi-" + customer);
            given.space(customer, 0, "multi-space-" + customer);
            given.space(customer, 1);
            for (String owner : List.of("o1", "o2")) {
                given.user(customer, owner, object("quota", 700_000));
            }
            tenants.add(customer);
        }
        return tenants;
    }

    private static int randomOperation(LedgerClient instance, int customer, Random random, List<String[]> mine) {
        String base = "/customers/" + customer;
        int space = random.nextInt(SPACES);
        String asset = "a" + random.nextInt(ASSETS_PER_SPACE);
        String owner = OWNERS[random.nextInt(OWNERS.length)];
        int kind = random.nextInt(100);
        if (kind < 30) {
            return answered(instance.put(base + "/spaces/" + space + "/images/" + asset,
                    ownedBy(owner, object("size", size(random), "thumbnailSize", random.nextInt(5000)))));
        }
        if (kind < 42) {
            return answered(instance.delete(base + "/spaces/" + space + "/images/" + asset));
        }
        if (kind < 57) {
            List<ObjectNode> records = new ArrayList<>();
            Set<String> named = new java.util.HashSet<>();
            for (int i = 0; i < 2 + random.nextInt(8); i++) {
                int recordSpace = random.nextInt(SPACES);
                String recordAsset = "a" + random.nextInt(ASSETS_PER_SPACE);
                if (named.add(recordSpace + "/" + recordAsset)) {
                    records.add(random.nextInt(4) == 0
                            ? object("space", recordSpace, "asset", recordAsset, "deleted", true)
                            : object("space", recordSpace, "asset", recordAsset, "size", size(random)));
                }
            }
            return answered(instance.post(base + "/storageRecords", object("records", array(records))));
        }
        if (kind < 77) {
            LedgerClient.Response made = instance.post(base + "/reservations", ownedBy(owner, object("space", space, "size", size(random),
                    "thumbnailSize", random.nextInt(5000), "ttlSeconds", 1 + random.nextInt(4))));
            if (made.status() == 201) {
                mine.add(new String[] {String.valueOf(customer), made.json().get("@id").stringValue().replaceAll(".*/", "")});
            }
            return answered(made);
        }
        if (mine.isEmpty()) {
            return answered(instance.get(base + "/storage"));
        }
        String[] reservation = mine.remove(random.nextInt(mine.size()));
        String reserved = "/customers/" + reservation[0];
        if (kind < 92) {
            return answered(instance.put(reserved + "/spaces/" + space + "/images/" + asset,
                    ownedBy(owner, object("size", size(random), "reservation", reservation[1]))));
        }
        return answered(instance.delete(reserved + "/reservations/" + reservation[1]));
    }

    /** The details of the answers that no test expects (a 503 says why), for the failure's message. */
    private static final List<String> UNEXPECTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static int answered(LedgerClient.Response response) {
        if (!ANSWERS.contains(response.status())) {
            UNEXPECTED.add(response.status() + " " + response.body());
        }
        return response.status();
    }

    /** The body with an "owner" when there is one. */
    private static ObjectNode ownedBy(String owner, ObjectNode body) {
        return owner == null ? body : body.put("owner", owner);
    }

    private static long size(Random random) {
        return 10_000 + random.nextInt(120_000);
    }

    /** Every scope whose stored and live reserved figures, read in one snapshot, pass its limit. */
    private List<String> limitsPassed(List<Integer> tenants) {
        return jdbc.sql("""
                        WITH live AS (SELECT * FROM reservation WHERE customer = ANY(:tenants) AND expires_at > now()),
                        customers AS (
                            SELECT 'customer ' || c.id AS scope,
                                   c.number_of_stored_images + coalesce((SELECT sum(images) FROM live WHERE live.customer = c.id), 0) AS images,
                                   c.total_size_of_stored_images + coalesce((SELECT sum(size) FROM live WHERE live.customer = c.id), 0) AS size,
                                   p.maximum_number_of_stored_images AS max_images, p.maximum_total_size_of_stored_images AS max_size
                            FROM customer c JOIN storage_policy p ON p.id = c.storage_policy WHERE c.id = ANY(:tenants)
                        ), spaces AS (
                            SELECT 'space ' || s.customer || '/' || s.id,
                                   s.number_of_stored_images + coalesce((SELECT sum(images) FROM live
                                                                         WHERE live.customer = s.customer AND live.space = s.id), 0),
                                   s.total_size_of_stored_images + coalesce((SELECT sum(size) FROM live
                                                                             WHERE live.customer = s.customer AND live.space = s.id), 0),
                                   p.maximum_number_of_stored_images, p.maximum_total_size_of_stored_images
                            FROM space s JOIN storage_policy p ON p.id = s.storage_policy WHERE s.customer = ANY(:tenants)
                        ), owners AS (
                            SELECT 'owner ' || u.customer || '/' || u.id, 0,
                                   u.total_size_of_stored_images + u.total_size_of_thumbnails
                                   + coalesce((SELECT sum(size + thumbnail_size) FROM live
                                               WHERE live.customer = u.customer AND live.owner = u.id), 0),
                                   0, u.quota
                            FROM user_account u WHERE u.customer = ANY(:tenants)
                        )
                        SELECT scope || ': ' || images || ' images, ' || size || ' bytes' FROM (
                            SELECT * FROM customers UNION ALL SELECT * FROM spaces UNION ALL SELECT * FROM owners) scopes
                        WHERE images > max_images OR size > max_size
                        """)
                .param("tenants", tenants.toArray(Integer[]::new))
                .query(String.class)
                .list();
    }

    private List<String> totalsThatDifferFromTheirRecords(List<Integer> tenants) {
        return jdbc.sql("""
                        SELECT 'customer ' || c.id FROM customer c
                        LEFT JOIN (SELECT customer, count(*) n, sum(size) size, sum(thumbnail_size) t FROM asset GROUP BY customer) a
                          ON a.customer = c.id
                        WHERE c.id = ANY(:tenants) AND (c.number_of_stored_images, c.total_size_of_stored_images, c.total_size_of_thumbnails)
                              <> (coalesce(a.n, 0), coalesce(a.size, 0), coalesce(a.t, 0))
                        UNION ALL
                        SELECT 'space ' || s.customer || '/' || s.id FROM space s
                        LEFT JOIN (SELECT customer, space, count(*) n, sum(size) size, sum(thumbnail_size) t FROM asset
                                   GROUP BY customer, space) a ON a.customer = s.customer AND a.space = s.id
                        WHERE s.customer = ANY(:tenants) AND (s.number_of_stored_images, s.total_size_of_stored_images, s.total_size_of_thumbnails)
                              <> (coalesce(a.n, 0), coalesce(a.size, 0), coalesce(a.t, 0))
                        UNION ALL
                        SELECT 'owner ' || u.customer || '/' || u.id FROM user_account u
                        LEFT JOIN (SELECT customer, owner, count(*) n, sum(size) size, sum(thumbnail_size) t FROM asset
                                   WHERE owner IS NOT NULL GROUP BY customer, owner) a ON a.customer = u.customer AND a.owner = u.id
                        WHERE u.customer = ANY(:tenants) AND (u.number_of_stored_images, u.total_size_of_stored_images, u.total_size_of_thumbnails)
                              <> (coalesce(a.n, 0), coalesce(a.size, 0), coalesce(a.t, 0))
                        """)
                .param("tenants", tenants.toArray(Integer[]::new))
                .query(String.class)
                .list();
    }
}
