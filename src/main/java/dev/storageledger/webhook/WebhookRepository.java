package dev.storageledger.webhook;

import dev.storageledger.database.TransactionTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The webhooks' SQL for deliveries: the outbox of events and deliveries, their leases and attempts, their history and
 * its purge. Subscriptions are {@link SubscriptionRepository}'s, the scans of packs {@link PackScanRepository}'s.
 */
@Repository
class WebhookRepository {

    private final JdbcClient jdbc;
    private final TransactionTime time;

    WebhookRepository(JdbcClient jdbc, TransactionTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    /** A statement with its {@code :now} bound (the transaction's time; a statement without one ignores it). */
    private JdbcClient.StatementSpec statement(String sql) {
        return jdbc.sql(sql).param("now", time.parameter());
    }

    /**
     * One statement: inserts the events (each a JSON object of type, customer and body) and a delivery of each to
     * every subscription of its customer, or of every customer, that names its type; due at once.
     */
    void insertEvents(String events) {
        statement("""
                        WITH event AS (
                            INSERT INTO webhook_event (type, customer, body, created_at)
                            SELECT e.event ->> 'type', CAST(e.event ->> 'customer' AS integer), e.event ->> 'body',
                                   CAST(:now AS timestamptz)
                            FROM json_array_elements(CAST(:events AS json)) WITH ORDINALITY AS e(event, n)
                            ORDER BY e.n
                            RETURNING seq, type, customer
                        )
                        INSERT INTO webhook_delivery (event, subscription, next_attempt_at)
                        SELECT event.seq, s.id, CAST(:now AS timestamptz) FROM event
                        JOIN webhook_subscription s ON (s.customer = event.customer OR s.customer IS NULL) AND event.type = ANY (s.events)
                        ORDER BY event.seq
                        """)
                .param("events", events)
                .update();
    }

    /**
     * One statement, in a write group's transaction while it holds the crossed scopes' rows: given the group's
     * crossings in the order its writes made them (JSON objects of customer, space, user, limit, from, state and the
     * event's data), inserts an event (quota.{state}, its data with the previousState) and its deliveries for each
     * one whose state differs from the one announced before it (for a limit's first crossing in the group: the state
     * last announced, normal when none was; for the next ones: the one before), and stores each limit's last state.
     * Answers the types of the events inserted.
     */
    List<String> announceCrossings(String crossings, String timestamp) {
        return statement("""
                        WITH crossing AS (
                            SELECT CAST(x.c ->> 'customer' AS integer) AS customer, CAST(x.c ->> 'space' AS integer) AS space,
                                   x.c ->> 'user' AS user_id, x.c ->> 'limit' AS lim, x.c ->> 'from' AS from_state,
                                   x.c ->> 'state' AS state, x.c ->> 'data' AS data, x.n
                            FROM json_array_elements(CAST(:crossings AS json)) WITH ORDINALITY AS x(c, n)
                        ), ranked AS (
                            SELECT crossing.*,
                                   row_number() OVER (PARTITION BY customer, space, user_id, lim ORDER BY n) AS first,
                                   row_number() OVER (PARTITION BY customer, space, user_id, lim ORDER BY n DESC) AS last
                            FROM crossing
                        ), compared AS (
                            SELECT ranked.*, coalesce(a.state, 'normal') AS announced,
                                   CASE WHEN ranked.first = 1 THEN coalesce(a.state, 'normal') ELSE ranked.from_state END AS previous
                            FROM ranked LEFT JOIN quota_announced a ON a.customer = ranked.customer AND a.space = ranked.space
                                AND a.user_id = ranked.user_id AND a.lim = ranked.lim
                        ), changed AS (
                            SELECT * FROM compared WHERE previous <> state
                        ), stored AS (
                            INSERT INTO quota_announced (customer, space, user_id, lim, state)
                            SELECT customer, space, user_id, lim, state FROM compared WHERE last = 1 AND state <> announced
                            ON CONFLICT (customer, space, user_id, lim) DO UPDATE SET state = EXCLUDED.state
                        ), event AS (
                            INSERT INTO webhook_event (type, customer, body, created_at)
                            SELECT 'quota.' || state, customer,
                                   '{"type":' || to_json('quota.' || state)::text || ',"timestamp":' || to_json(CAST(:timestamp AS text))::text
                                   || ',"data":' || left(data, -1) || ',"previousState":' || to_json(previous)::text || '}}',
                                   CAST(:now AS timestamptz)
                            FROM changed ORDER BY n
                            RETURNING seq, type, customer
                        ), delivery AS (
                            INSERT INTO webhook_delivery (event, subscription, next_attempt_at)
                            SELECT event.seq, s.id, CAST(:now AS timestamptz) FROM event
                            JOIN webhook_subscription s ON (s.customer = event.customer OR s.customer IS NULL) AND event.type = ANY (s.events)
                        )
                        SELECT type FROM event ORDER BY seq
                        """)
                .param("crossings", crossings)
                .param("timestamp", timestamp)
                .query(String.class)
                .list();
    }

    /** A delivery claimed for an attempt, with what the attempt needs; url null when its subscription is gone. */
    record Claimed(long id, int attempt, String event, String body, Instant eventCreated, String type, String subscription,
            String url, byte[] sealedSecret) {
    }

    /**
     * One short statement: claims up to {@code limit} deliveries due (oldest event first), skipping those another
     * instance holds, by moving their next attempt {@code lease} ahead (should this instance die while sending, another
     * takes them over then) and counting the attempt.
     */
    List<Claimed> claim(int limit, Duration lease) {
        return statement("""
                        WITH due AS (
                            SELECT id FROM webhook_delivery WHERE next_attempt_at <= CAST(:now AS timestamptz)
                            ORDER BY event LIMIT :limit FOR UPDATE SKIP LOCKED
                        ), claimed AS (
                            UPDATE webhook_delivery d
                            SET next_attempt_at = CAST(:now AS timestamptz) + make_interval(secs => :lease), attempts = d.attempts + 1
                            FROM due WHERE d.id = due.id
                            RETURNING d.id, d.attempts, d.event, d.subscription
                        )
                        SELECT c.id, c.attempts, e.id AS event_id, e.body, e.created_at, e.type, c.subscription, s.url, s.sealed_secret
                        FROM claimed c JOIN webhook_event e ON e.seq = c.event
                        LEFT JOIN webhook_subscription s ON s.id = c.subscription
                        ORDER BY c.event, c.id
                        """)
                .param("limit", limit)
                .param("lease", (double) lease.toMillis() / 1000)
                .query((row, number) -> new Claimed(row.getLong("id"), row.getInt("attempts"), row.getString("event_id"),
                        row.getString("body"), instant(row, "created_at"), row.getString("type"), row.getString("subscription"),
                        row.getString("url"), row.getBytes("sealed_secret")))
                .list();
    }

    /**
     * Records an attempt's outcome: delivered (a 2xx), or due again after {@code retryIn}, or given up when that would
     * be later than {@code retryFor} after the event was made.
     */
    Outcome record(long delivery, int attempt, Instant at, Integer status, String error, long durationMillis, boolean delivered,
            Duration retryIn, Duration retryFor) {
        return statement("""
                        WITH attempt AS (
                            INSERT INTO webhook_attempt (delivery, number, at, status, error, duration_ms)
                            VALUES (:delivery, :attempt, CAST(:at AS timestamptz), :status, :error, :duration)
                            ON CONFLICT DO NOTHING
                        )
                        UPDATE webhook_delivery d SET
                            last_attempt_at = CAST(:at AS timestamptz), last_status = :status, last_error = :error,
                            delivered_at = CASE WHEN :delivered THEN CAST(:now AS timestamptz) END,
                            next_attempt_at = CASE WHEN :delivered THEN NULL
                                WHEN CAST(:now AS timestamptz) + make_interval(secs => :retryIn)
                                     > e.created_at + make_interval(secs => :retryFor) THEN NULL
                                ELSE CAST(:now AS timestamptz) + make_interval(secs => :retryIn) END,
                            given_up_at = CASE WHEN NOT :delivered
                                AND CAST(:now AS timestamptz) + make_interval(secs => :retryIn)
                                    > e.created_at + make_interval(secs => :retryFor) THEN CAST(:now AS timestamptz) END
                        FROM webhook_event e
                        WHERE d.id = :delivery AND e.seq = d.event AND d.attempts = :attempt
                        RETURNING CASE WHEN d.delivered_at IS NOT NULL THEN 'DELIVERED' WHEN d.given_up_at IS NOT NULL THEN 'GIVEN_UP'
                            ELSE 'RETRYING' END AS outcome
                        """)
                .param("delivery", delivery)
                .param("attempt", attempt)
                .param("at", at.toString())
                .param("status", status, Types.INTEGER)
                .param("error", error)
                .param("duration", durationMillis)
                .param("delivered", delivered)
                .param("retryIn", (double) retryIn.toMillis() / 1000)
                .param("retryFor", (double) retryFor.toSeconds())
                .query((row, number) -> Outcome.valueOf(row.getString("outcome")))
                .optional()
                .orElse(Outcome.SUPERSEDED);
    }

    enum Outcome {
        DELIVERED, RETRYING, GIVEN_UP,
        /** Another instance claimed the delivery again meanwhile (this attempt outlived its lease). */
        SUPERSEDED
    }

    void deleteDelivery(long id) {
        statement("DELETE FROM webhook_delivery WHERE id = :id").param("id", id).update();
    }

    /** The subscription's deliveries, newest first, a page of them, with their attempts. */
    List<Delivery> deliveries(String subscription, int page, int pageSize) {
        List<Delivery> deliveries = statement("""
                        SELECT d.id, e.id AS event_id, e.type, e.created_at, d.attempts, d.last_attempt_at, d.last_status,
                               d.last_error, d.delivered_at, d.next_attempt_at, d.given_up_at
                        FROM webhook_delivery d JOIN webhook_event e ON e.seq = d.event
                        WHERE d.subscription = :subscription ORDER BY d.id DESC LIMIT :limit OFFSET :offset
                        """)
                .param("subscription", subscription)
                .param("limit", pageSize)
                .param("offset", (long) (page - 1) * pageSize)
                .query((row, number) -> new Delivery(row.getLong("id"), row.getString("event_id"), row.getString("type"),
                        instant(row, "created_at"), row.getInt("attempts"), instant(row, "last_attempt_at"),
                        row.getObject("last_status", Integer.class), row.getString("last_error"), instant(row, "delivered_at"),
                        instant(row, "next_attempt_at"), instant(row, "given_up_at"), List.of()))
                .list();
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<Long, List<Delivery.Attempt>> attempts = new LinkedHashMap<>();
        statement("""
                        SELECT delivery, number, at, status, error, duration_ms FROM webhook_attempt
                        WHERE delivery = ANY (string_to_array(:ids, ',')::bigint[]) ORDER BY delivery, number
                        """)
                .param("ids", String.join(",", deliveries.stream().map(delivery -> Long.toString(delivery.id())).toList()))
                .query((row, number) -> attempts.computeIfAbsent(row.getLong("delivery"), id -> new ArrayList<>())
                        .add(new Delivery.Attempt(row.getInt("number"), instant(row, "at"), row.getObject("status", Integer.class),
                                row.getString("error"), row.getLong("duration_ms"))))
                .list();
        return deliveries.stream().map(delivery -> new Delivery(delivery.id(), delivery.event(), delivery.type(),
                delivery.eventCreated(), delivery.attempts(), delivery.lastAttemptAt(), delivery.lastStatus(), delivery.lastError(),
                delivery.deliveredAt(), delivery.nextAttemptAt(), delivery.givenUpAt(), attempts.getOrDefault(delivery.id(), List.of())))
                .toList();
    }

    long countDeliveries(String subscription) {
        return statement("SELECT count(*) FROM webhook_delivery WHERE subscription = :subscription")
                .param("subscription", subscription)
                .query(Long.class)
                .single();
    }

    /** When the oldest event still to be delivered (to some subscription) was made; empty when none is. */
    Optional<Instant> oldestUndelivered() {
        return Optional.ofNullable(statement("""
                        SELECT min(e.created_at) FROM webhook_delivery d JOIN webhook_event e ON e.seq = d.event
                        WHERE d.next_attempt_at IS NOT NULL
                        """)
                .query((row, number) -> instant(row, "min"))
                .single());
    }

    /** Removes the events made more than {@code retention} ago, with their deliveries and attempts. */
    int purge(Duration retention) {
        return statement("DELETE FROM webhook_event WHERE created_at < CAST(:now AS timestamptz) - make_interval(secs => :retention)")
                .param("retention", (double) retention.toSeconds())
                .update();
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
