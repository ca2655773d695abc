package dev.storageledger.ledger.postgres;

import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.history.HistoryPoint;
import dev.storageledger.ledger.history.HistoryReads;
import dev.storageledger.ledger.history.Integral;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL of the history: a scope's figures at a step boundary are those of its first point at or after that
 * boundary (the row as it stood when it first changed after it), or its current ones when it has not changed since;
 * its integrals are moved from there to the boundary at the figures that held (V7__usage_over_time.sql).
 */
@Repository
class HistoryRepository implements HistoryReads {

    /** The advisory lock that one instance holds while it removes old points. */
    private static final int LOCK_NAMESPACE = 0x48495354; // "HIST"

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    HistoryRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public Optional<Span> span(Scope scope) {
        Table table = Table.of(scope);
        return table.bind(jdbc.sql("SELECT r.integrated_since, clock_timestamp() AS now FROM " + table.name + " r WHERE "
                        + table.key), scope)
                .query((row, number) -> new Span(Rows.instant(row, "integrated_since"), Rows.instant(row, "now")))
                .optional();
    }

    @Override
    public List<HistoryPoint> at(Scope scope, List<Instant> instants, boolean andNow) {
        Table table = Table.of(scope);
        String sql = """
                WITH clock AS (SELECT clock_timestamp() AS now),
                instants AS (
                    SELECT at FROM unnest(CAST(:instants AS timestamptz[])) AS b(at)
                    UNION ALL SELECT now FROM clock WHERE :andNow
                )
                SELECT b.at, coalesce(h.number_of_stored_images, r.number_of_stored_images) AS images,
                       coalesce(h.total_size_of_stored_images, r.total_size_of_stored_images) AS size,
                       coalesce(h.total_size_of_thumbnails, r.total_size_of_thumbnails) AS thumbnails,
                       %1$s AS byte_seconds, %2$s AS thumbnail_byte_seconds, %3$s AS image_seconds
                FROM %4$s r CROSS JOIN instants b
                LEFT JOIN LATERAL (
                    SELECT * FROM %5$s h WHERE %6$s AND h.at >= b.at ORDER BY h.at LIMIT 1
                ) h ON true
                WHERE %7$s
                ORDER BY b.at
                """.formatted(integral("byte_seconds", "total_size_of_stored_images"),
                integral("thumbnail_byte_seconds", "total_size_of_thumbnails"),
                integral("image_seconds", "number_of_stored_images"), table.name, table.history, table.match, table.key);
        return table.bind(jdbc.sql(sql), scope)
                .param("instants", SqlArrays.instants(instants, Function.identity()))
                .param("andNow", andNow)
                .query((row, number) -> point(row))
                .list();
    }

    /**
     * Removes the points older than {@code retention} but for those at midnight UTC, and those older than
     * {@code dailyRetention}; answers how many (none when another instance is at it: one at a time, by an advisory
     * lock). A scope's figures at a midnight are those of its first point at or after it, so before a point is removed
     * its figures are kept as a point at the last midnight before it that no other point is nearer: every midnight
     * reads the same figures afterwards. Nothing here is a lock a writer waits for: writes add points only at recent
     * boundaries.
     */
    int prune(Duration retention, Duration dailyRetention) {
        Integer removed = transactions.execute(status -> {
            if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(:namespace, 0)").param("namespace", LOCK_NAMESPACE)
                    .query(Boolean.class).single()) {
                return 0;
            }
            return prune("customer_history", "customer", retention, dailyRetention)
                    + prune("space_history", "customer, space", retention, dailyRetention)
                    + prune("user_history", "customer, owner", retention, dailyRetention);
        });
        return removed == null ? 0 : removed;
    }

    private int prune(String table, String scope, Duration retention, Duration dailyRetention) {
        String sql = """
                WITH old AS (
                    SELECT h.*, date_trunc('day', h.at, 'UTC') AS midnight,
                           lag(h.at) OVER (PARTITION BY %2$s ORDER BY h.at) AS previous
                    FROM %1$s h
                    WHERE h.at < now() - CAST(:retention AS interval)
                ), kept AS (
                    INSERT INTO %1$s (%2$s, at, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails,
                                      byte_seconds, thumbnail_byte_seconds, image_seconds)
                    SELECT %2$s, midnight, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails,
                           byte_seconds - total_size_of_stored_images * extract(epoch FROM at - midnight),
                           thumbnail_byte_seconds - total_size_of_thumbnails * extract(epoch FROM at - midnight),
                           image_seconds - number_of_stored_images * extract(epoch FROM at - midnight)
                    FROM old
                    WHERE at <> midnight AND (previous IS NULL OR previous < midnight)
                      AND midnight >= now() - CAST(:dailyRetention AS interval)
                    ON CONFLICT DO NOTHING
                )
                DELETE FROM %1$s h
                USING old
                WHERE (%3$s) = (%4$s) AND h.at = old.at
                  AND (old.at <> old.midnight OR old.at < now() - CAST(:dailyRetention AS interval))
                """.formatted(table, scope, prefixed("h", scope), prefixed("old", scope));
        return jdbc.sql(sql)
                .param("retention", retention.toSeconds() + " seconds")
                .param("dailyRetention", dailyRetention.toSeconds() + " seconds")
                .update();
    }

    private static String prefixed(String alias, String columns) {
        return alias + "." + columns.replace(", ", ", " + alias + ".");
    }

    /**
     * An integral at the instant b.at: from the first point after it, less what its figures added from b.at to that
     * point; or from the row, plus what its figures added since its last change.
     */
    private static String integral(String column, String figure) {
        return ("CASE WHEN h.at IS NULL THEN r.%1$s + r.%2$s * extract(epoch FROM b.at - r.integrated_at)"
                + " ELSE h.%1$s - h.%2$s * extract(epoch FROM h.at - b.at) END").formatted(column, figure);
    }

    private static HistoryPoint point(ResultSet row) throws SQLException {
        return new HistoryPoint(Rows.instant(row, "at"),
                new Usage(row.getLong("images"), row.getLong("size"), row.getLong("thumbnails")),
                new Integral(row.getBigDecimal("byte_seconds"), row.getBigDecimal("thumbnail_byte_seconds"),
                        row.getBigDecimal("image_seconds")));
    }

    /** The totals table of a kind of scope ({@code r}), its history ({@code h}), and how a scope's rows are found. */
    private record Table(String name, String history, String key, String match) {

        static Table of(Scope scope) {
            return switch (scope) {
                case Scope.Customer c -> new Table("customer", "customer_history", "r.id = :customer", "h.customer = r.id");
                case Scope.Space s -> new Table("space", "space_history", "r.customer = :customer AND r.id = :space",
                        "h.customer = r.customer AND h.space = r.id");
                case Scope.Owner o -> new Table("user_account", "user_history", "r.customer = :customer AND r.id = :user",
                        "h.customer = r.customer AND h.owner = r.id");
            };
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Scope scope) {
            statement.param("customer", scope.customer());
            switch (scope) {
                case Scope.Customer c -> {
                }
                case Scope.Space s -> statement.param("space", s.space());
                case Scope.Owner o -> statement.param("user", o.user());
            }
            return statement;
        }
    }
}
