package dev.storageledger.ledger.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.database.LongStatements;
import dev.storageledger.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plans of the hot statements, pinned: on tables of a realistic size (a customer of 200,000 assets in 10 spaces,
 * 20,000 users, each with a storage pack, and 500 reservations, beside 2,000 small customers with 10 reservations each), analysed, with a group's parameters, each reaches
 * the ledger's tables by their indexes and never reads a whole one (no Seq Scan). The planner is left to its own
 * choices: nothing is switched off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotStatementPlansIntegrationTest extends IntegrationTest {

    /** Far above the ids that tests take (from 1000 up), so the rows of this test are its own. */
    private static final int BIG = 990_000;
    private static final int SMALL_FROM = BIG + 1;
    private static final int SMALL_UNTIL = BIG + 2_000;

    private static final List<String> KEYED_TABLES = List.of("asset", "space", "customer", "user_account", "reservation", "storage_pack");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How many assets, owners and reservations a group names: a batch of records. */
    private static final int GROUP = 100;

    /** The reservations a group names: those its records use, a few. */
    private static final List<Integer> RESERVATIONS = IntStream.rangeClosed(1, 5).boxed().toList();

    /** Loading and removing rows by the hundred thousand is a job's work: the long statement timeout, not a request's. */
    @BeforeAll
    void tables_of_a_realistic_size_analysed() {
        LongStatements.run(this::load);
    }

    @AfterAll
    void rows_removed() {
        LongStatements.run(this::remove);
    }

    private void load() {
        jdbc.sql("INSERT INTO plan (id, name, capacity) VALUES ('plans-test', 'plans', 1000000000) ON CONFLICT DO NOTHING").update();
        jdbc.sql("""
                INSERT INTO customer (id, name, storage_policy)
                SELECT id, 'plans ' || id, 'default' FROM generate_series(:from, :until) AS id
                """).param("from", BIG).param("until", SMALL_UNTIL).update();
        jdbc.sql("""
                INSERT INTO space (customer, id, name)
                SELECT :big, id, 'space ' || id FROM generate_series(1, 10) AS id
                UNION ALL SELECT id, 1, 'space' FROM generate_series(:from, :until) AS id
                """).param("big", BIG).param("from", SMALL_FROM).param("until", SMALL_UNTIL).update();
        jdbc.sql("""
                INSERT INTO user_account (customer, id, name, plan)
                SELECT :big, 'user-' || n, 'user ' || n, 'plans-test' FROM generate_series(1, 20000) AS n
                """).param("big", BIG).update();
        for (int space = 1; space <= 10; space++) {
            jdbc.sql("""
                    INSERT INTO asset (customer, space, id, size, thumbnail_size, owner)
                    SELECT :big, 1 + n % 10, 'asset-' || n, 1000, 10, 'user-' || (1 + n % 20000)
                    FROM generate_series(1, 200000) AS n WHERE 1 + n % 10 = :space
                    """).param("big", BIG).param("space", space).update();
        }
        // The big customer's reservations are a small share of all, as one customer's are on a shared ledger: summing
        // them all is then an index's work, as it is in production, and not a whole table's.
        jdbc.sql("""
                INSERT INTO reservation (customer, id, space, owner, images, size, thumbnail_size, expires_at)
                SELECT :big, 'reservation-' || n, 1 + n % 10, 'user-' || (1 + n % 20000), 1, 1000, 10, now() + interval '1 day'
                FROM generate_series(1, 500) AS n
                UNION ALL
                SELECT c, 'reservation-' || n, 1, NULL, 1, 1000, 10, now() + interval '1 day'
                FROM generate_series(:from, :until) AS c, generate_series(1, 10) AS n
                """).param("big", BIG).param("from", SMALL_FROM).param("until", SMALL_UNTIL).update();
        jdbc.sql("""
                INSERT INTO storage_pack (customer, user_id, id, name, size, active_from, expires_at)
                SELECT :big, 'user-' || n, 'pack', 'pack', 1000, now() - interval '1 day', now() + interval '1 day'
                FROM generate_series(1, 20000) AS n
                """).param("big", BIG).update();
        for (String table : KEYED_TABLES) {
            jdbc.sql("ANALYZE " + table).update();
        }
    }

    private void remove() {
        for (int space = 1; space <= 10; space++) {
            jdbc.sql("DELETE FROM asset WHERE customer = :big AND space = :space").param("big", BIG).param("space", space).update();
        }
        for (String table : List.of("storage_pack", "reservation", "user_account")) {
            jdbc.sql("DELETE FROM " + table + " WHERE customer BETWEEN :from AND :until").param("from", BIG).param("until", SMALL_UNTIL).update();
        }
        jdbc.sql("DELETE FROM space_history WHERE customer BETWEEN :from AND :until").param("from", BIG).param("until", SMALL_UNTIL).update();
        jdbc.sql("DELETE FROM space WHERE customer BETWEEN :from AND :until").param("from", BIG).param("until", SMALL_UNTIL).update();
        jdbc.sql("DELETE FROM customer_history WHERE customer BETWEEN :from AND :until").param("from", BIG).param("until", SMALL_UNTIL).update();
        jdbc.sql("DELETE FROM customer WHERE id BETWEEN :from AND :until").param("from", BIG).param("until", SMALL_UNTIL).update();
        for (String table : KEYED_TABLES) {
            jdbc.sql("ANALYZE " + table).update();
        }
    }

    @Test
    void locking_the_spaces_and_the_customer_reads_their_rows_by_key() {
        assertIndexScansOnly(plan("lock_spaces", scopes()), "space");
        assertIndexScansOnly(plan("lock_customers", scopes()), "customer");
    }

    @Test
    void the_reads_under_the_locks_find_assets_reservations_and_owners_by_key() {
        assertIndexScansOnly(plan("read_assets", named()), "asset");
        assertIndexScansOnly(plan("read_reservations", named()), "reservation");
        assertIndexScansOnly(plan("lock_owners", named()), "asset", "reservation", "user_account", "storage_pack");
        assertIndexScansOnly(plan("reserved_in_spaces", scopes()), "reservation");
        assertIndexScansOnly(plan("reserved_in_customers", scopes()), "reservation");
    }

    @Test
    void the_write_of_a_net_change_finds_the_rows_it_changes_by_key() {
        assertIndexScansOnly(plan("apply_changes", changes()), "asset", "space", "user_account", "customer");
        assertIndexScansOnly(plan("apply_changes_with_history_points", changes()), "asset", "space", "user_account", "customer");
    }

    @Test
    void the_keyed_reads_of_customer_space_and_asset_storage_read_one_row_by_key() {
        assertIndexScansOnly(plan("customer_storage", new MapSqlParameterSource("customer", BIG)), "customer");
        assertIndexScansOnly(plan("space_storage", new MapSqlParameterSource("customer", BIG).addValue("space", 3)), "space", "customer");
        assertIndexScansOnly(plan("asset_storage",
                new MapSqlParameterSource("customer", BIG).addValue("space", 3).addValue("id", "asset-13")), "asset");
    }

    /** The scans of the plan of a statement, as "Node Type on relation", e.g. "Index Scan on asset". */
    private List<String> plan(String statement, MapSqlParameterSource parameters) {
        parameters.addValue("now", clock.instant().toString());
        String plan = jdbc.sql("EXPLAIN (FORMAT JSON) " + Statements.load(statement)).paramSource(parameters).query(String.class).single();
        List<String> scans = new ArrayList<>();
        collectScans(JSON.readTree(plan).get(0).get("Plan"), scans);
        return scans;
    }

    private static void collectScans(JsonNode node, List<String> scans) {
        if (node.has("Relation Name") && node.get("Node Type").asString().contains("Scan")) {
            scans.add(node.get("Node Type").asString() + " on " + node.get("Relation Name").asString());
        }
        if (node.has("Plans")) {
            for (JsonNode child : node.get("Plans")) {
                collectScans(child, scans);
            }
        }
    }

    /**
     * Each of {@code tables} is read by an index (an index scan, or a bitmap heap scan fed by one), and no keyed table
     * of the ledger is read whole.
     */
    private static void assertIndexScansOnly(List<String> scans, String... tables) {
        for (String table : tables) {
            assertThat(scans).as("the scans of %s", table)
                    .anyMatch(scan -> scan.endsWith(" on " + table) && (scan.contains("Index") || scan.startsWith("Bitmap Heap Scan")));
        }
        for (String table : KEYED_TABLES) {
            assertThat(scans).doesNotContain("Seq Scan on " + table);
        }
    }

    private static MapSqlParameterSource scopes() {
        return new MapSqlParameterSource()
                .addValue("spaceCustomers", SqlArrays.integers(List.of(BIG, BIG, BIG), customer -> customer))
                .addValue("spaceIds", SqlArrays.integers(List.of(1, 2, 3), space -> space))
                .addValue("customerIds", SqlArrays.integers(List.of(BIG), customer -> customer))
                .addValue("step", "300 seconds");
    }

    /** A group naming {@link #GROUP} stored assets and owners of the big customer, and a few of its reservations. */
    private static MapSqlParameterSource named() {
        return scopes()
                .addValue("customers", integers(n -> BIG))
                .addValue("spaces", integers(n -> 1 + n % 10))
                .addValue("ids", texts(n -> "asset-" + n * 97))
                .addValue("reservationCustomers", SqlArrays.integers(RESERVATIONS, n -> BIG))
                .addValue("reservationIds", SqlArrays.texts(RESERVATIONS, n -> "reservation-" + n * 13))
                .addValue("ownerCustomers", integers(n -> BIG))
                .addValue("ownerIds", texts(n -> "user-" + n * 7));
    }

    /** A net change of {@link #GROUP} new, changed and deleted assets, moving three spaces' totals and the customer's. */
    private static MapSqlParameterSource changes() {
        MapSqlParameterSource parameters = new MapSqlParameterSource("step", "300 seconds");
        for (String kind : List.of("insert", "update")) {
            parameters.addValue(kind + "Customers", integers(n -> BIG))
                    .addValue(kind + "Spaces", integers(n -> 1 + n % 10))
                    .addValue(kind + "Ids", texts(n -> kind + "-" + n))
                    .addValue(kind + "Sizes", longs(n -> 100L))
                    .addValue(kind + "Thumbnails", longs(n -> 1L))
                    .addValue(kind + "Owners", texts(n -> "user-" + n));
        }
        return parameters
                .addValue("deleteCustomers", integers(n -> BIG))
                .addValue("deleteSpaces", integers(n -> 1 + n % 10))
                .addValue("deleteIds", texts(n -> "asset-" + n * 31))
                .addValue("reservedCustomers", SqlArrays.integers(List.<Integer>of(), n -> n))
                .addValue("reservedIds", SqlArrays.texts(List.<String>of(), n -> n))
                .addValue("reservedSpaces", SqlArrays.integers(List.<Integer>of(), n -> n))
                .addValue("reservedOwners", SqlArrays.texts(List.<String>of(), n -> n))
                .addValue("reservedImages", SqlArrays.longs(List.<Long>of(), n -> n))
                .addValue("reservedSizes", SqlArrays.longs(List.<Long>of(), n -> n))
                .addValue("reservedThumbnails", SqlArrays.longs(List.<Long>of(), n -> n))
                .addValue("reservedExpiries", SqlArrays.texts(List.<String>of(), n -> n))
                .addValue("usedCustomers", SqlArrays.integers(RESERVATIONS, n -> BIG))
                .addValue("usedIds", SqlArrays.texts(RESERVATIONS, n -> "reservation-" + n))
                .addValue("spaceCustomers", SqlArrays.integers(List.of(BIG, BIG, BIG), customer -> customer))
                .addValue("spaceIds", SqlArrays.integers(List.of(1, 2, 3), space -> space))
                .addValue("spaceImages", SqlArrays.longs(List.of(1L, 1L, 1L), n -> n))
                .addValue("spaceSizes", SqlArrays.longs(List.of(1L, 1L, 1L), n -> n))
                .addValue("spaceThumbnails", SqlArrays.longs(List.of(1L, 1L, 1L), n -> n))
                .addValue("ownerCustomers", integers(n -> BIG))
                .addValue("ownerIds", texts(n -> "user-" + n * 7))
                .addValue("ownerImages", longs(n -> 1L))
                .addValue("ownerSizes", longs(n -> 1L))
                .addValue("ownerThumbnails", longs(n -> 1L))
                .addValue("customerIds", SqlArrays.integers(List.of(BIG), customer -> customer))
                .addValue("customerImages", SqlArrays.longs(List.of(1L), n -> n))
                .addValue("customerSizes", SqlArrays.longs(List.of(1L), n -> n))
                .addValue("customerThumbnails", SqlArrays.longs(List.of(1L), n -> n));
    }

    private static Object integers(IntFunction<Integer> element) {
        return SqlArrays.integers(IntStream.rangeClosed(1, GROUP).boxed().toList(), element::apply);
    }

    private static Object longs(IntFunction<Long> element) {
        return SqlArrays.longs(IntStream.rangeClosed(1, GROUP).boxed().toList(), element::apply);
    }

    private static Object texts(IntFunction<String> element) {
        return SqlArrays.texts(IntStream.rangeClosed(1, GROUP).boxed().toList(), element::apply);
    }
}
