package dev.storageledger.webhook;

import static dev.storageledger.webhook.WebhookRepository.instant;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhooks' subscriptions: made, listed, read and deleted, one customer's (or every customer's) at a time. */
@Repository
class SubscriptionRepository {

    private final JdbcClient jdbc;

    SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Within a transaction: keeps other subscriptions of this customer (of every customer, when null) from being made. */
    void lockSubscriptionsOf(Integer customer) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:namespace, :customer)")
                .param("namespace", 0x57484B53) // "WHKS"
                .param("customer", customer == null ? -1 : customer)
                .query((row, number) -> true)
                .single();
    }

    int count(Integer customer) {
        return jdbc.sql("SELECT count(*) FROM webhook_subscription WHERE customer IS NOT DISTINCT FROM :customer")
                .param("customer", customer, Types.INTEGER)
                .query(Integer.class)
                .single();
    }

    Subscription insert(String id, Integer customer, String url, List<String> events, String description, byte[] sealedSecret) {
        return jdbc.sql("""
                        INSERT INTO webhook_subscription (id, customer, url, events, description, sealed_secret)
                        VALUES (:id, :customer, :url, string_to_array(:events, ','), :description, :secret)
                        RETURNING id, customer, url, events, description, created_at
                        """)
                .param("id", id)
                .param("customer", customer, Types.INTEGER)
                .param("url", url)
                .param("events", String.join(",", events))
                .param("description", description)
                .param("secret", sealedSecret)
                .query(SubscriptionRepository::subscription)
                .single();
    }

    List<Subscription> list(Integer customer) {
        return jdbc.sql("""
                        SELECT id, customer, url, events, description, created_at FROM webhook_subscription
                        WHERE customer IS NOT DISTINCT FROM :customer ORDER BY created_at, id
                        """)
                .param("customer", customer, Types.INTEGER)
                .query(SubscriptionRepository::subscription)
                .list();
    }

    Optional<Subscription> find(Integer customer, String id) {
        return jdbc.sql("""
                        SELECT id, customer, url, events, description, created_at FROM webhook_subscription
                        WHERE customer IS NOT DISTINCT FROM :customer AND id = :id
                        """)
                .param("customer", customer, Types.INTEGER)
                .param("id", id)
                .query(SubscriptionRepository::subscription)
                .optional();
    }

    /** Deletes the subscription and its deliveries; false when it did not exist. */
    boolean delete(Integer customer, String id) {
        boolean deleted = jdbc.sql("DELETE FROM webhook_subscription WHERE customer IS NOT DISTINCT FROM :customer AND id = :id")
                .param("customer", customer, Types.INTEGER)
                .param("id", id)
                .update() == 1;
        if (deleted) {
            jdbc.sql("DELETE FROM webhook_delivery WHERE subscription = :id").param("id", id).update();
        }
        return deleted;
    }

    private static Subscription subscription(ResultSet row, int number) throws SQLException {
        Array events = row.getArray("events");
        return new Subscription(row.getString("id"), row.getObject("customer", Integer.class), row.getString("url"),
                Arrays.asList((String[]) events.getArray()), row.getString("description"), instant(row, "created_at"));
    }
}
