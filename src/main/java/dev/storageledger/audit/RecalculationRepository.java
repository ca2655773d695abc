package dev.storageledger.audit;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of a recalculation. Detection needs no lock: a scope's totals and its asset rows are committed together,
 * so in any one snapshot (one statement) the totals equal the sums of the records unless they have drifted, and a
 * drift found in a snapshot is the drift now (every correct write moves both sides alike). Repair subtracts the
 * drift under the rows' locks, taken in the writers' order (spaces, customer, users), for a moment.
 */
@Repository
public class RecalculationRepository {

    /** Recalculations of one customer take turns on this advisory lock (two would subtract one drift twice). */
    private static final int LOCK_NAMESPACE = 0x4C454447; // "LEDG"

    private final JdbcClient jdbc;

    RecalculationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A scope's stored totals minus the sums of its records (all zero when it is exact), and how many records it has. */
    public record Checked(String kind, Integer space, String owner, long images, long size, long thumbnails, long records) {

        public boolean drifted() {
            return images != 0 || size != 0 || thumbnails != 0;
        }
    }

    /** Every customer's id, in order. */
    List<Integer> customers() {
        return jdbc.sql("SELECT id FROM customer ORDER BY id").query(Integer.class).list();
    }

    /**
     * How many records the ledger says a space (or a customer, when {@code space} is null, or every customer, when both
     * are) has: a recalculation's expected work.
     */
    long storedRecords(Integer customer, Integer space) {
        return jdbc.sql(space == null
                        ? "SELECT coalesce(sum(number_of_stored_images), 0)::bigint FROM customer WHERE CAST(:customer AS integer) IS NULL OR id = :customer"
                        : "SELECT number_of_stored_images FROM space WHERE customer = :customer AND id = :space")
                .param("customer", customer)
                .param("space", space)
                .query(Long.class)
                .optional().orElse(0L);
    }

    /** Waits until no other recalculation of the customer runs; held until this transaction ends. */
    void lockCustomer(int customer) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:namespace, :customer)")
                .param("namespace", LOCK_NAMESPACE)
                .param("customer", customer)
                .query((row, number) -> 1)
                .list();
    }

    /**
     * Sums a customer's records (of one space when {@code space} is set) and compares them with the totals of its
     * spaces, its users and itself, in one statement: one snapshot. A space-only check compares that space alone.
     */
    List<Checked> check(int customer, Integer space) {
        return jdbc.sql("""
                        WITH sums AS (
                            SELECT space, owner, count(*) AS n, sum(size) AS size, sum(thumbnail_size) AS thumbnails
                            FROM asset
                            WHERE customer = :customer AND (CAST(:space AS integer) IS NULL OR space = :space)
                            GROUP BY space, owner
                        ), by_space AS (
                            SELECT space, sum(n) AS n, sum(size) AS size, sum(thumbnails) AS thumbnails FROM sums GROUP BY space
                        ), by_owner AS (
                            SELECT owner, sum(n) AS n, sum(size) AS size, sum(thumbnails) AS thumbnails
                            FROM sums WHERE owner IS NOT NULL GROUP BY owner
                        ), whole AS (
                            SELECT coalesce(sum(n), 0) AS n, coalesce(sum(size), 0) AS size, coalesce(sum(thumbnails), 0) AS thumbnails
                            FROM sums
                        )
                        SELECT 'space' AS kind, s.id AS space, NULL AS owner,
                               s.number_of_stored_images - coalesce(t.n, 0) AS images,
                               s.total_size_of_stored_images - coalesce(t.size, 0) AS size,
                               s.total_size_of_thumbnails - coalesce(t.thumbnails, 0) AS thumbnails, coalesce(t.n, 0) AS records
                        FROM space s LEFT JOIN by_space t ON t.space = s.id
                        WHERE s.customer = :customer AND (CAST(:space AS integer) IS NULL OR s.id = :space)
                        UNION ALL
                        SELECT 'owner', NULL, u.id, u.number_of_stored_images - coalesce(t.n, 0),
                               u.total_size_of_stored_images - coalesce(t.size, 0),
                               u.total_size_of_thumbnails - coalesce(t.thumbnails, 0), coalesce(t.n, 0)
                        FROM user_account u LEFT JOIN by_owner t ON t.owner = u.id
                        WHERE u.customer = :customer AND CAST(:space AS integer) IS NULL
                        UNION ALL
                        SELECT 'customer', NULL, NULL, c.number_of_stored_images - t.n, c.total_size_of_stored_images - t.size,
                               c.total_size_of_thumbnails - t.thumbnails, t.n
                        FROM customer c, whole t
                        WHERE c.id = :customer AND CAST(:space AS integer) IS NULL
                        """)
                .param("customer", customer)
                .param("space", space)
                .query((row, number) -> new Checked(row.getString("kind"), row.getObject("space", Integer.class), row.getString("owner"),
                        row.getLong("images"), row.getLong("size"), row.getLong("thumbnails"), row.getLong("records")))
                .list();
    }

    /**
     * Takes each drift out of its scope's totals, and stamps lastCalculated on the checked spaces (and the customer,
     * when the whole customer was checked). Locks the rows in the writers' order first, so that it cannot deadlock
     * with them; they wait for it only for these few statements.
     */
    void repairAndStamp(int customer, Integer space, List<Checked> drifts) {
        jdbc.sql("SELECT id FROM space WHERE customer = :customer AND (CAST(:space AS integer) IS NULL OR id = :space) ORDER BY id FOR UPDATE")
                .param("customer", customer).param("space", space).query(Integer.class).list();
        if (space == null) {
            jdbc.sql("SELECT id FROM customer WHERE id = :customer FOR UPDATE").param("customer", customer).query(Integer.class).list();
        }
        for (Checked drift : drifts) {
            String scope = switch (drift.kind()) {
                case "space" -> "space WHERE customer = :customer AND id = :space";
                case "owner" -> "user_account WHERE customer = :customer AND id = :owner";
                default -> "customer WHERE id = :customer";
            };
            String[] tableAndWhere = scope.split(" WHERE ");
            jdbc.sql("UPDATE " + tableAndWhere[0] + " SET number_of_stored_images = number_of_stored_images - :images, "
                            + "total_size_of_stored_images = total_size_of_stored_images - :size, "
                            + "total_size_of_thumbnails = total_size_of_thumbnails - :thumbnails WHERE " + tableAndWhere[1])
                    .param("customer", customer)
                    .param("space", drift.space())
                    .param("owner", drift.owner())
                    .param("images", drift.images())
                    .param("size", drift.size())
                    .param("thumbnails", drift.thumbnails())
                    .update();
        }
        jdbc.sql("UPDATE space SET last_calculated = now() WHERE customer = :customer AND (CAST(:space AS integer) IS NULL OR id = :space)")
                .param("customer", customer).param("space", space).update();
        if (space == null) {
            jdbc.sql("UPDATE customer SET last_calculated = now() WHERE id = :customer").param("customer", customer).update();
        }
    }
}
