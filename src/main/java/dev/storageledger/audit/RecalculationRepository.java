package dev.storageledger.audit;

import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.count.Tally;
import dev.storageledger.ledger.count.UsageChange;
import dev.storageledger.ledger.postgres.ChangesRepository;
import dev.storageledger.ledger.write.Changes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
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

    /** Recalculations take turns on this advisory lock: two would subtract one drift twice. */
    private static final int LOCK_NAMESPACE = 0x4C454447; // "LEDG"

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ChangesRepository ledger;

    RecalculationRepository(JdbcClient jdbc, DataSource dataSource, ChangesRepository ledger) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.ledger = ledger;
    }

    /** Held while a recalculation runs; released when closed, or by PostgreSQL when the instance dies. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits until no other recalculation runs (in any instance), and holds the turn on a connection of its own until
     * closed: a session's advisory lock, which PostgreSQL releases if the connection dies with its instance.
     */
    Lock lock() {
        try {
            Connection connection = dataSource.getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + LOCK_NAMESPACE + ", 0)");
            }
            return () -> {
                try (connection; Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_advisory_unlock(" + LOCK_NAMESPACE + ", 0)");
                } catch (SQLException e) {
                    throw new IllegalStateException("could not release the recalculation's lock", e);
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the recalculation's lock", e);
        }
    }

    /** A scope whose stored totals differ from the sums of its records by {@code drift} (its totals minus its sums). */
    public record Checked(Scope scope, UsageChange drift) {
    }

    /** The rows of the detection: a drifted scope of each kind, and the summary of all that were compared. */
    private enum DetectedRow { SPACE, OWNER, CUSTOMER, SUMMARY }

    /** A customer and how many records the ledger says it has. */
    record Stored(int customer, long records) {
    }

    /** Every customer (or one, when {@code customer} is set) in id order, with how many records it has. */
    List<Stored> customers(Integer customer) {
        return jdbc.sql("SELECT id, number_of_stored_images FROM customer WHERE CAST(:customer AS integer) IS NULL OR id = :customer ORDER BY id")
                .param("customer", customer)
                .query((row, number) -> new Stored(row.getInt("id"), row.getLong("number_of_stored_images")))
                .list();
    }

    /** How many records the ledger says a space has. */
    long storedRecords(int customer, int space) {
        return jdbc.sql("SELECT number_of_stored_images FROM space WHERE customer = :customer AND id = :space")
                .param("customer", customer)
                .param("space", space)
                .query(Long.class)
                .optional().orElse(0L);
    }

    /** What a detection found: the drifted scopes, how many scopes it compared, and how many records it summed. */
    record Detection(List<Checked> drifted, long scopes, long records) {
    }

    /**
     * Sums the records of every customer (or of one, or of one space) and compares them with the totals of their
     * spaces, users and customers, in one statement: one snapshot, and no lock. Over everything PostgreSQL runs it
     * as it runs the bare GROUP BY (a parallel scan and a hash aggregate); owners are summed apart, from the partial
     * index of owned assets: grouping by owner in the same pass made it expect a million groups and give up the
     * parallel plan (4,270 ms against 940 ms over 10,000,000 rows).
     */
    Detection detect(Integer customer, Integer space) {
        String assets = (customer == null ? "TRUE" : "customer = :customer") + " AND " + (space == null ? "TRUE" : "space = :space");
        String spaces = (customer == null ? "TRUE" : "s.customer = :customer") + " AND " + (space == null ? "TRUE" : "s.id = :space");
        String users = space != null ? "FALSE" : customer == null ? "TRUE" : "u.customer = :customer";
        String customers = space != null ? "FALSE" : customer == null ? "TRUE" : "c.id = :customer";
        Detection[] detection = new Detection[1];
        List<Checked> drifted = new ArrayList<>();
        jdbc.sql("""
                        WITH by_space AS (
                            SELECT customer, space, count(*) AS n, sum(size) AS size, sum(thumbnail_size) AS thumbnails
                            FROM asset WHERE %1$s GROUP BY customer, space
                        ), by_owner AS (
                            SELECT customer, owner, count(*) AS n, sum(size) AS size, sum(thumbnail_size) AS thumbnails
                            FROM asset WHERE owner IS NOT NULL AND %1$s GROUP BY customer, owner
                        ), by_customer AS (
                            SELECT customer, sum(n) AS n, sum(size) AS size, sum(thumbnails) AS thumbnails FROM by_space GROUP BY customer
                        ), compared AS (
                            SELECT 'SPACE' AS kind, s.customer, s.id AS space, NULL AS owner,
                                   s.number_of_stored_images - coalesce(t.n, 0) AS images,
                                   s.total_size_of_stored_images - coalesce(t.size, 0) AS size,
                                   s.total_size_of_thumbnails - coalesce(t.thumbnails, 0) AS thumbnails, coalesce(t.n, 0) AS records
                            FROM space s LEFT JOIN by_space t ON t.customer = s.customer AND t.space = s.id
                            WHERE %2$s
                            UNION ALL
                            SELECT 'OWNER', u.customer, NULL, u.id, u.number_of_stored_images - coalesce(t.n, 0),
                                   u.total_size_of_stored_images - coalesce(t.size, 0),
                                   u.total_size_of_thumbnails - coalesce(t.thumbnails, 0), 0
                            FROM user_account u LEFT JOIN by_owner t ON t.customer = u.customer AND t.owner = u.id
                            WHERE %3$s
                            UNION ALL
                            SELECT 'CUSTOMER', c.id, NULL, NULL, c.number_of_stored_images - coalesce(t.n, 0),
                                   c.total_size_of_stored_images - coalesce(t.size, 0),
                                   c.total_size_of_thumbnails - coalesce(t.thumbnails, 0), 0
                            FROM customer c LEFT JOIN by_customer t ON t.customer = c.id
                            WHERE %4$s
                        )
                        SELECT kind, customer, space, owner, images, size, thumbnails, records FROM compared
                        WHERE images <> 0 OR size <> 0 OR thumbnails <> 0
                        UNION ALL
                        SELECT 'SUMMARY', 0, NULL, NULL, count(*), 0, 0, coalesce(sum(records), 0) FROM compared
                        """.formatted(assets, spaces, users, customers))
                .param("customer", customer)
                .param("space", space)
                .query((row, number) -> {
                    DetectedRow kind = DetectedRow.valueOf(row.getString("kind"));
                    int scopeCustomer = row.getInt("customer");
                    UsageChange drift = new UsageChange(row.getLong("images"), row.getLong("size"), row.getLong("thumbnails"));
                    switch (kind) {
                        case SPACE -> drifted.add(new Checked(new Scope.Space(scopeCustomer, row.getInt("space")), drift));
                        case OWNER -> drifted.add(new Checked(new Scope.Owner(scopeCustomer, row.getString("owner")), drift));
                        case CUSTOMER -> drifted.add(new Checked(new Scope.Customer(scopeCustomer), drift));
                        case SUMMARY -> detection[0] = new Detection(drifted, drift.images(), row.getLong("records"));
                    }
                    return kind;
                })
                .list();
        return detection[0];
    }

    /**
     * Takes each drift out of its scope's totals (counted by a {@link Tally}, and written as a write group writes
     * totals), and stamps lastCalculated on the checked spaces (and customers, when whole customers were checked). Locks the rows in the writers' order first (spaces, then customers), so
     * that it cannot deadlock with them; they wait for it only for these few statements.
     */
    void repairAndStamp(int from, int to, Integer space, List<Checked> drifts) {
        jdbc.sql("""
                        SELECT id FROM space WHERE customer BETWEEN :from AND :to AND (CAST(:space AS integer) IS NULL OR id = :space)
                        ORDER BY customer, id FOR UPDATE
                        """)
                .param("from", from).param("to", to).param("space", space).query(Integer.class).list();
        if (space == null) {
            jdbc.sql("SELECT id FROM customer WHERE id BETWEEN :from AND :to ORDER BY id FOR UPDATE")
                    .param("from", from).param("to", to).query(Integer.class).list();
        }
        Tally repairs = new Tally();
        for (Checked drifted : drifts) {
            repairs.repair(drifted.scope(), drifted.drift());
        }
        ledger.applyChanges(Changes.totals(repairs));
        jdbc.sql("UPDATE space SET last_calculated = now() WHERE customer BETWEEN :from AND :to AND (CAST(:space AS integer) IS NULL OR id = :space)")
                .param("from", from).param("to", to).param("space", space).update();
        if (space == null) {
            jdbc.sql("UPDATE customer SET last_calculated = now() WHERE id BETWEEN :from AND :to")
                    .param("from", from).param("to", to).update();
        }
    }
}
