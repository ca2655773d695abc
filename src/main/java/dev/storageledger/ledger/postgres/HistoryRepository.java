package dev.storageledger.ledger.postgres;

import dev.storageledger.database.TransactionTime;
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
    private final TransactionTime time;

    HistoryRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager, TransactionTime time) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.time = time;
    }

    @Override
    public Optional<Span> span(Scope scope) {
        Table table = Table.of(scope);
        return table.bind(jdbc.sql(table.span), scope)
                .query((row, number) -> new Span(Rows.instant(row, "integrated_since"), time.now()))
                .optional();
    }

    @Override
    public List<HistoryPoint> at(Scope scope, List<Instant> instants, boolean andNow) {
        Table table = Table.of(scope);
        return table.bind(jdbc.sql(table.at), scope)
                .param("instants", SqlArrays.instants(instants, Function.identity()))
                .param("andNow", andNow)
                .param("now", time.parameter())
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
            return PRUNES.stream().mapToInt(prune -> prune(prune, retention, dailyRetention)).sum();
        });
        return removed == null ? 0 : removed;
    }

    /** The statements that prune customer_history, space_history and user_history (see {@link #prune(Duration, Duration)}). */
    private static final List<String> PRUNES = List.of(Statements.load("prune_customer_history"),
            Statements.load("prune_space_history"), Statements.load("prune_user_history"));

    private int prune(String statement, Duration retention, Duration dailyRetention) {
        return jdbc.sql(statement)
                .param("retention", retention.toSeconds() + " seconds")
                .param("dailyRetention", dailyRetention.toSeconds() + " seconds")
                .param("now", time.parameter())
                .update();
    }

    private static HistoryPoint point(ResultSet row) throws SQLException {
        return new HistoryPoint(Rows.instant(row, "at"),
                new Usage(row.getLong("images"), row.getLong("size"), row.getLong("thumbnails")),
                new Integral(row.getBigDecimal("byte_seconds"), row.getBigDecimal("thumbnail_byte_seconds"),
                        row.getBigDecimal("image_seconds")));
    }

    /** A kind of scope's statements: when its integrals start ({@code span}), and its figures at instants ({@code at}). */
    private record Table(String span, String at) {

        private static final Table CUSTOMER = new Table(
                "SELECT integrated_since FROM customer WHERE id = :customer",
                Statements.load("customer_history_at"));
        private static final Table SPACE = new Table(
                "SELECT integrated_since FROM space WHERE customer = :customer AND id = :space",
                Statements.load("space_history_at"));
        private static final Table USER = new Table(
                "SELECT integrated_since FROM user_account WHERE customer = :customer AND id = :user",
                Statements.load("user_history_at"));

        static Table of(Scope scope) {
            return switch (scope) {
                case Scope.Customer c -> CUSTOMER;
                case Scope.Space s -> SPACE;
                case Scope.Owner o -> USER;
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
