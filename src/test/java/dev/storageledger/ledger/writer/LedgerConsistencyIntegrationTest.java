package dev.storageledger.ledger.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.account.AccountService;
import dev.storageledger.account.User;
import dev.storageledger.customer.Customer;
import dev.storageledger.customer.CustomerService;
import dev.storageledger.customer.Space;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import dev.storageledger.policy.PolicyService;
import dev.storageledger.policy.StoragePolicy;
import dev.storageledger.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Thousands of random creates, updates, deletes and batches, run by 8 concurrent writers against customers, spaces
 * and owners with tight limits so that many are refused, and moving assets between owners: afterwards every stored
 * total (space, owner, customer) equals a fresh SUM/COUNT over the asset records, and no total is above its limit.
 */
class LedgerConsistencyIntegrationTest extends IntegrationTest {

    private static final int WRITERS = 8;
    private static final int OPERATIONS_PER_WRITER = 500;
    private static final int SPACES = 3;
    private static final int ASSETS_PER_SPACE = 200;

    @Autowired
    LedgerWriter writer;

    @Autowired
    CustomerService customers;

    @Autowired
    PolicyService policies;

    @Autowired
    AccountService accounts;

    private static final String[] OWNERS = {null, "owner-0", "owner-1", "owner-2"};

    @Test
    void after_thousands_of_random_concurrent_writes_every_total_equals_the_sum_of_its_records() throws Exception {
        List<Integer> tenants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int customer = newCustomerId();
            String policy = "random-" + customer;
            policies.save(new StoragePolicy(policy, 400, 150_000_000));
            customers.save(new Customer(customer, "random writer " + i, policy));
            String spacePolicy = policy + "-space";
            policies.save(new StoragePolicy(spacePolicy, 100, 50_000_000));
            for (int space = 0; space < SPACES; space++) {
                customers.save(new Space(customer, space, "space " + space, space == 0 ? spacePolicy : null));
            }
            for (int owner = 1; owner < OWNERS.length; owner++) {
                accounts.save(new User(customer, OWNERS[owner], OWNERS[owner], null, Set.of(), null, owner * 20_000_000L, Instant.EPOCH), null);
            }
            tenants.add(customer);
        }
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();

        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                Random random = new Random(1000 + writer);
                writers.add(pool.submit(() -> {
                    for (int operation = 0; operation < OPERATIONS_PER_WRITER; operation++) {
                        int customer = tenants.get(random.nextInt(tenants.size()));
                        WriteOutcome outcome = randomWrite(customer, random);
                        if (outcome instanceof WriteOutcome.Refused) {
                            refused.incrementAndGet();
                        } else {
                            assertThat(outcome).isInstanceOf(WriteOutcome.Applied.class);
                            accepted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        }

        assertThat(accepted.get()).isGreaterThan(1000);
        assertThat(refused.get()).isGreaterThan(50);
        assertThat(spacesWhoseTotalsDifferFromTheirAssets()).isEmpty();
        assertThat(customersWhoseTotalsDifferFromTheirAssets()).isEmpty();
        assertThat(ownersWhoseTotalsDifferFromTheirAssets()).isEmpty();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM user_account
                        WHERE total_size_of_stored_images + total_size_of_thumbnails > quota AND customer = ANY(:tenants)
                        """).param("tenants", tenants.toArray(Integer[]::new)).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM user_account WHERE number_of_stored_images > 0 AND customer = ANY(:tenants)")
                .param("tenants", tenants.toArray(Integer[]::new)).query(Long.class).single()).isEqualTo(9);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM customer c JOIN storage_policy p ON p.id = c.storage_policy
                        WHERE c.number_of_stored_images > p.maximum_number_of_stored_images
                           OR c.total_size_of_stored_images > p.maximum_total_size_of_stored_images
                        """).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM space s JOIN storage_policy p ON p.id = s.storage_policy
                        WHERE s.number_of_stored_images > p.maximum_number_of_stored_images
                           OR s.total_size_of_stored_images > p.maximum_total_size_of_stored_images
                        """).query(Long.class).single()).isZero();
    }

    private WriteOutcome randomWrite(int customer, Random random) {
        int kind = random.nextInt(10);
        if (kind < 5) {
            return writer.write(Operation.RECORD, Write.records(customer,
                    List.of(StorageRecord.stored(randomAsset(random), randomSize(random), randomOwner(random)))));
        } else if (kind < 7) {
            return writer.write(Operation.DELETE, Write.records(customer, List.of(StorageRecord.deleted(randomAsset(random)))));
        } else {
            Map<AssetRef, StorageRecord> batch = new LinkedHashMap<>();
            boolean large = random.nextInt(4) == 0; // large batches without deletions take the plain-INSERT path first
            int size = large ? GroupingWriter.FRESH_BATCH_MINIMUM + random.nextInt(20) : 1 + random.nextInt(25);
            for (int i = 0; i < size; i++) {
                AssetRef ref = randomAsset(random);
                batch.put(ref, !large && random.nextInt(4) == 0 ? StorageRecord.deleted(ref) : StorageRecord.stored(ref, randomSize(random), randomOwner(random)));
            }
            return writer.write(Operation.BATCH, Write.records(customer, List.copyOf(batch.values())));
        }
    }

    private static AssetRef randomAsset(Random random) {
        return new AssetRef(random.nextInt(SPACES), "asset-" + random.nextInt(ASSETS_PER_SPACE));
    }

    private static String randomOwner(Random random) {
        return OWNERS[random.nextInt(OWNERS.length)];
    }

    private static AssetSize randomSize(Random random) {
        return new AssetSize(random.nextInt(1_000_000), random.nextInt(50_000));
    }

    private List<Integer> spacesWhoseTotalsDifferFromTheirAssets() {
        return jdbc.sql("""
                        SELECT s.id FROM space s
                        LEFT JOIN (SELECT customer, space, count(*) AS n, sum(size) AS size, sum(thumbnail_size) AS thumbnails
                                   FROM asset GROUP BY customer, space) a ON a.customer = s.customer AND a.space = s.id
                        WHERE s.number_of_stored_images <> coalesce(a.n, 0)
                           OR s.total_size_of_stored_images <> coalesce(a.size, 0)
                           OR s.total_size_of_thumbnails <> coalesce(a.thumbnails, 0)
                        """).query(Integer.class).list();
    }

    private List<String> ownersWhoseTotalsDifferFromTheirAssets() {
        return jdbc.sql("""
                        SELECT u.customer || '/' || u.id FROM user_account u
                        LEFT JOIN (SELECT customer, owner, count(*) AS n, sum(size) AS size, sum(thumbnail_size) AS thumbnails
                                   FROM asset WHERE owner IS NOT NULL GROUP BY customer, owner) a
                          ON a.customer = u.customer AND a.owner = u.id
                        WHERE u.number_of_stored_images <> coalesce(a.n, 0)
                           OR u.total_size_of_stored_images <> coalesce(a.size, 0)
                           OR u.total_size_of_thumbnails <> coalesce(a.thumbnails, 0)
                        """).query(String.class).list();
    }

    private List<Integer> customersWhoseTotalsDifferFromTheirAssets() {
        return jdbc.sql("""
                        SELECT c.id FROM customer c
                        LEFT JOIN (SELECT customer, count(*) AS n, sum(size) AS size, sum(thumbnail_size) AS thumbnails
                                   FROM asset GROUP BY customer) a ON a.customer = c.id
                        WHERE c.number_of_stored_images <> coalesce(a.n, 0)
                           OR c.total_size_of_stored_images <> coalesce(a.size, 0)
                           OR c.total_size_of_thumbnails <> coalesce(a.thumbnails, 0)
                        """).query(Integer.class).list();
    }
}
