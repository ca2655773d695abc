package dev.storageledger.ledger.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.count.UsageChange;
import dev.storageledger.ledger.limit.Limit;
import dev.storageledger.ledger.write.Changes;
import dev.storageledger.ledger.write.ReservationKey;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write group's statements on the real PostgreSQL: what the locking reads answer (raw figures, turned into limits
 * by the rules of ledger.limit), and what the one statement of a net change writes (rows, and totals moved by the
 * changes beside them).
 */
class WriteGroupStatementsIntegrationTest extends IntegrationTest {

    @Autowired
    WriteGroupRepository groups;

    @Autowired
    ChangesRepository changes;

    @Autowired
    PlatformTransactionManager transactionManager;

    private int customer;

    @BeforeEach
    void a_customer_with_a_space_of_its_own_policy_a_space_without_and_users_on_quota_plan_and_packs() {
        customer = newCustomerId();
        jdbc.sql("INSERT INTO storage_policy (id, maximum_number_of_stored_images, maximum_total_size_of_stored_images) "
                + "VALUES ('statements-' || :c, 7, 7000) ON CONFLICT DO NOTHING").param("c", customer).update();
        jdbc.sql("INSERT INTO plan (id, name, capacity) VALUES ('plan-' || :c, 'plan', 5000) ON CONFLICT DO NOTHING").param("c", customer).update();
        jdbc.sql("""
                INSERT INTO customer (id, name, storage_policy, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails)
                VALUES (:c, 'c', 'default', 2, 300, 30)
                """).param("c", customer).update();
        jdbc.sql("""
                INSERT INTO space (customer, id, name, storage_policy, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails)
                VALUES (:c, 1, 'own', 'statements-' || :c, 1, 100, 10), (:c, 2, 'none', NULL, 1, 200, 20)
                """).param("c", customer).update();
        jdbc.sql("""
                INSERT INTO user_account (customer, id, name, plan, quota, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails)
                VALUES (:c, 'planned', 'p', 'plan-' || :c, NULL, 1, 100, 10), (:c, 'quoted', 'q', 'plan-' || :c, 50, 0, 0, 0),
                       (:c, 'bare', 'b', NULL, NULL, 0, 0, 0)
                """).param("c", customer).update();
        jdbc.sql("""
                INSERT INTO storage_pack (customer, user_id, id, name, size, active_from, expires_at)
                VALUES (:c, 'planned', 'live', 'live', 300, now() - interval '1 day', now() + interval '1 day'),
                       (:c, 'planned', 'expired', 'expired', 9000, now() - interval '2 days', now() - interval '1 day'),
                       (:c, 'bare', 'future', 'future', 9000, now() + interval '1 day', now() + interval '2 days')
                """).param("c", customer).update();
        jdbc.sql("""
                INSERT INTO asset (customer, space, id, size, thumbnail_size, owner)
                VALUES (:c, 1, 'a', 100, 10, 'planned'), (:c, 2, 'b', 200, 20, NULL)
                """).param("c", customer).update();
        jdbc.sql("""
                INSERT INTO reservation (customer, id, space, owner, images, size, thumbnail_size, expires_at)
                VALUES (:c, 'held', 1, 'planned', 1, 40, 4, now() + interval '1 hour'),
                       (:c, 'gone', 1, NULL, 1, 999, 9, now() - interval '1 second')
                """).param("c", customer).update();
    }

    private <T> T inTransaction(Supplier<T> work) {
        return new TransactionTemplate(transactionManager).execute(status -> work.get());
    }

    @Test
    void locking_answers_each_scopes_totals_with_its_own_policy_or_no_limit_and_the_customers_policy() {
        WriteGroupRepository.Locked locked = inTransaction(() -> groups.lockScopes(
                new TreeSet<>(List.of(new SpaceKey(customer, 1), new SpaceKey(customer, 2), new SpaceKey(customer, 3))),
                new TreeSet<>(List.of(customer))));

        assertThat(locked.spaces().get(new SpaceKey(customer, 1)).limit()).isEqualTo(new Limit.Policy("statements-" + customer, 7, 7000));
        assertThat(locked.spaces().get(new SpaceKey(customer, 1)).usage()).isEqualTo(new Usage(1, 100, 10));
        assertThat(locked.spaces().get(new SpaceKey(customer, 2)).limit()).isEqualTo(Limit.NONE);
        assertThat(locked.spaces()).doesNotContainKey(new SpaceKey(customer, 3));
        assertThat(locked.customers().get(customer).limit()).isInstanceOfSatisfying(Limit.Policy.class,
                policy -> assertThat(policy.policy()).isEqualTo("default"));
        assertThat(locked.now()).isBefore(clock.instant().plusSeconds(60));
    }

    @Test
    void reading_under_the_locks_answers_capacities_by_quota_then_plan_then_nothing_plus_active_packs_and_live_reservations_only() {
        WriteGroupRepository.Read read = inTransaction(() -> groups.readUnderLocks(
                List.of(new CustomerAsset(customer, new AssetRef(1, "a")), new CustomerAsset(customer, new AssetRef(1, "absent"))),
                List.of(new OwnerKey(customer, "quoted"), new OwnerKey(customer, "bare")),
                List.of(new ReservationKey(customer, "held"), new ReservationKey(customer, "gone")),
                List.of(new SpaceKey(customer, 1)), List.of(customer)));

        assertThat(read.assets()).containsOnlyKeys(new CustomerAsset(customer, new AssetRef(1, "a")));
        // 'planned' is locked because the asset and the reservation read name them as owner.
        assertThat(read.owners().get(new OwnerKey(customer, "planned")).limit()).isEqualTo(new Limit.Capacity(5000, 300));
        assertThat(read.owners().get(new OwnerKey(customer, "planned")).reserved()).isEqualTo(new Usage(1, 40, 4));
        assertThat(read.owners().get(new OwnerKey(customer, "quoted")).limit()).isEqualTo(new Limit.Capacity(50, 0));
        assertThat(read.owners().get(new OwnerKey(customer, "bare")).limit()).isEqualTo(new Limit.Capacity(0, 0));
        assertThat(read.reservations()).containsOnlyKeys(new ReservationKey(customer, "held"));
        assertThat(read.spacesReserved()).containsEntry(new SpaceKey(customer, 1), new Usage(1, 40, 4));
        assertThat(read.customersReserved()).containsEntry(customer, new Usage(1, 40, 4));
    }

    @Test
    void locking_and_reading_in_one_round_trip_answer_what_the_two_statements_answer_one_after_the_other() {
        TreeSet<SpaceKey> spaces = new TreeSet<>(List.of(new SpaceKey(customer, 1), new SpaceKey(customer, 2), new SpaceKey(customer, 3)));
        TreeSet<Integer> customers = new TreeSet<>(List.of(customer));
        List<CustomerAsset> assets = List.of(new CustomerAsset(customer, new AssetRef(1, "a")), new CustomerAsset(customer, new AssetRef(2, "b")),
                new CustomerAsset(customer, new AssetRef(1, "absent")));
        List<OwnerKey> owners = List.of(new OwnerKey(customer, "quoted"));
        List<ReservationKey> reservations = List.of(new ReservationKey(customer, "held"));

        WriteGroupRepository.LockedAndRead together = inTransaction(() -> groups.lockAndRead(spaces, customers, assets, owners, reservations));
        WriteGroupRepository.Locked locked = inTransaction(() -> groups.lockScopes(spaces, customers));
        WriteGroupRepository.Read read = inTransaction(() -> groups.readUnderLocks(assets, owners, reservations, locked.spaces().keySet(),
                locked.customers().keySet()));

        assertThat(together.locked().spaces()).isEqualTo(locked.spaces()).containsOnlyKeys(new SpaceKey(customer, 1), new SpaceKey(customer, 2));
        assertThat(together.locked().customers()).isEqualTo(locked.customers());
        assertThat(together.read().assets()).isEqualTo(read.assets()).hasSize(2);
        assertThat(together.read().owners()).isEqualTo(read.owners()).containsOnlyKeys(new OwnerKey(customer, "quoted"),
                new OwnerKey(customer, "planned"));
        assertThat(together.read().reservations()).isEqualTo(read.reservations()).hasSize(1);
        assertThat(together.read().spacesReserved()).containsAllEntriesOf(read.spacesReserved())
                .containsEntry(new SpaceKey(customer, 1), new Usage(1, 40, 4));
        assertThat(together.read().customersReserved()).isEqualTo(read.customersReserved());
    }

    @Test
    void the_reads_sent_with_the_locks_see_the_room_reserved_by_the_transaction_whose_lock_they_waited_for() throws Exception {
        TreeSet<SpaceKey> space = new TreeSet<>(List.of(new SpaceKey(customer, 1)));
        TreeSet<Integer> customers = new TreeSet<>(List.of(customer));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = threads.submit(() -> inTransaction(() -> {
                groups.lockScopes(space, customers);
                jdbc.sql("""
                        INSERT INTO reservation (customer, id, space, owner, images, size, thumbnail_size, expires_at)
                        VALUES (:c, 'late', 1, NULL, 2, 500, 50, now() + interval '1 hour')
                        """).param("c", customer).update();
                locked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            }));
            locked.await();
            Future<WriteGroupRepository.LockedAndRead> waiter = threads.submit(() -> inTransaction(
                    () -> groups.lockAndRead(space, customers, List.of(), List.of(), List.of())));
            Poll.until(() -> jdbc.sql("SELECT count(*) > 0 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%Locks the totals rows of the spaces%'")
                    .query(Boolean.class).single(), Duration.ofSeconds(10));
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);

            WriteGroupRepository.LockedAndRead seen = waiter.get(10, TimeUnit.SECONDS);
            assertThat(seen.read().spacesReserved()).containsEntry(new SpaceKey(customer, 1), new Usage(3, 540, 54));
            assertThat(seen.read().customersReserved()).containsEntry(customer, new Usage(3, 540, 54));
        } finally {
            release.countDown();
            threads.shutdownNow();
            jdbc.sql("DELETE FROM reservation WHERE customer = :c AND id = 'late'").param("c", customer).update();
        }
    }

    @Test
    void a_net_change_writes_its_rows_and_moves_the_totals_beside_them_in_one_statement() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        Changes change = new Changes(
                List.of(new Changes.AssetRow(customer, new StoredAsset(new AssetRef(1, "new"), new AssetSize(50, 5), "planned", now))),
                List.of(new Changes.AssetRow(customer, new StoredAsset(new AssetRef(2, "b"), new AssetSize(250, 25), null, now))),
                List.of(new CustomerAsset(customer, new AssetRef(1, "a"))),
                List.of(), List.of(new ReservationKey(customer, "held")),
                new TreeMap<>(Map.of(new SpaceKey(customer, 1), new UsageChange(0, -50, -5), new SpaceKey(customer, 2), new UsageChange(0, 50, 5))),
                new TreeMap<>(Map.of(new OwnerKey(customer, "planned"), new UsageChange(0, -50, -5))),
                new TreeMap<>(Map.of(customer, new UsageChange(0, 0, 0))));

        inTransaction(() -> {
            changes.applyChanges(change);
            return null;
        });

        assertThat(assets()).containsExactly("1/new 50 5 planned", "2/b 250 25 null");
        assertThat(jdbc.sql("SELECT number_of_stored_images || ' ' || total_size_of_stored_images || ' ' || total_size_of_thumbnails "
                + "FROM space WHERE customer = :c ORDER BY id").param("c", customer).query(String.class).list())
                .containsExactly("1 50 5", "1 250 25");
        assertThat(jdbc.sql("SELECT total_size_of_stored_images FROM user_account WHERE customer = :c AND id = 'planned'")
                .param("c", customer).query(Long.class).single()).isEqualTo(50);
        assertThat(jdbc.sql("SELECT count(*) FROM reservation WHERE customer = :c AND id = 'held'").param("c", customer)
                .query(Long.class).single()).isZero();
    }

    @Test
    void a_net_change_that_inserts_a_stored_asset_fails_whole() {
        Changes change = new Changes(
                List.of(new Changes.AssetRow(customer, new StoredAsset(new AssetRef(1, "a"), new AssetSize(1, 1), null, Instant.EPOCH))),
                List.of(), List.of(), List.of(), List.of(),
                new TreeMap<>(Map.of(new SpaceKey(customer, 1), new UsageChange(1, 1, 1))), new TreeMap<>(),
                new TreeMap<>(Map.of(customer, new UsageChange(1, 1, 1))));

        assertThatThrownBy(() -> inTransaction(() -> {
            changes.applyChanges(change);
            return null;
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(jdbc.sql("SELECT number_of_stored_images FROM customer WHERE id = :c").param("c", customer).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void locking_and_reading_say_whether_a_row_has_not_changed_since_the_last_step_boundary_so_is_due_a_history_point() {
        integratedAt("space", "id = 1", "now() + interval '1 day'");
        integratedAt("space", "id = 2", "now() + interval '1 day'");
        integratedAt("customer", "true", "now() + interval '1 day'");
        integratedAt("user_account", "true", "now() + interval '1 day'");
        assertThat(locked().historyDue()).isFalse();
        assertThat(read().historyDue()).isFalse();

        integratedAt("space", "id = 2", "now() - interval '1 day'");
        assertThat(locked().historyDue()).isTrue();
        integratedAt("space", "id = 2", "now() + interval '1 day'");
        integratedAt("customer", "true", "now() - interval '1 day'");
        assertThat(locked().historyDue()).isTrue();
        integratedAt("user_account", "id = 'quoted'", "now() - interval '1 day'");
        assertThat(read().historyDue()).isTrue();
    }

    @Test
    void a_change_made_without_points_fails_whole_when_a_row_is_due_one_and_made_with_them_writes_its_point() {
        integratedAt("space", "true", "now() - interval '1 day'");
        integratedAt("customer", "true", "now() - interval '1 day'");
        Changes change = new Changes(
                List.of(new Changes.AssetRow(customer, new StoredAsset(new AssetRef(1, "new"), new AssetSize(50, 5), null, Instant.EPOCH))),
                List.of(), List.of(), List.of(), List.of(),
                new TreeMap<>(Map.of(new SpaceKey(customer, 1), new UsageChange(1, 50, 5))), new TreeMap<>(),
                new TreeMap<>(Map.of(customer, new UsageChange(1, 50, 5))));

        // As if the lock's reads had found no row due a point and a step boundary had passed since.
        assertThatThrownBy(() -> inTransaction(() -> {
            changes.applyChanges(change, false);
            return null;
        })).isInstanceOf(StepBoundaryPassedException.class).isInstanceOf(TransientDataAccessException.class);
        assertThat(assets()).containsExactly("1/a 100 10 planned", "2/b 200 20 null");
        assertThat(points("space_history")).isZero();

        inTransaction(() -> {
            changes.applyChanges(change, true);
            return null;
        });
        assertThat(assets()).containsExactly("1/a 100 10 planned", "1/new 50 5 null", "2/b 200 20 null");
        // The points hold the figures as they stood before the change.
        assertThat(jdbc.sql("SELECT number_of_stored_images || ' ' || total_size_of_stored_images FROM space_history WHERE customer = :c")
                .param("c", customer).query(String.class).list()).containsExactly("1 100");
        assertThat(points("customer_history")).isOne();
    }

    private void integratedAt(String table, String where, String instant) {
        jdbc.sql("UPDATE " + table + " SET integrated_at = " + instant + " WHERE " + (table.equals("customer") ? "id" : "customer")
                + " = :c AND " + where).param("c", customer).update();
    }

    private WriteGroupRepository.Locked locked() {
        return inTransaction(() -> groups.lockScopes(new TreeSet<>(List.of(new SpaceKey(customer, 1), new SpaceKey(customer, 2))),
                new TreeSet<>(List.of(customer))));
    }

    private WriteGroupRepository.Read read() {
        return inTransaction(() -> groups.readUnderLocks(List.of(), List.of(new OwnerKey(customer, "quoted"), new OwnerKey(customer, "bare")),
                List.of(), List.of(new SpaceKey(customer, 1)), List.of(customer)));
    }

    private long points(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE customer = :c").param("c", customer).query(Long.class).single();
    }

    private List<String> assets() {
        return jdbc.sql("SELECT space || '/' || id || ' ' || size || ' ' || thumbnail_size || ' ' || coalesce(owner, 'null') "
                + "FROM asset WHERE customer = :c ORDER BY space, id").param("c", customer).query(String.class).list();
    }
}
