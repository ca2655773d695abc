package dev.storageledger.ledger.writer;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A write takes its time from the service's clock, once, at the start of its transaction: the asset row it writes, the
 * totals of its space, user and customer and the reservation it makes all carry that one instant.
 */
class WriteTimeIntegrationTest extends IntegrationTest {

    @Test
    void every_row_a_write_changes_carries_the_one_instant_its_transaction_took_from_the_services_clock() {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.user(customer, "u", object("quota", 1_000_000));
        clock.advance(Duration.ofSeconds(5));

        Instant before = clock.instant();
        assertThat(admin().put("/customers/" + customer + "/spaces/1/images/a", object("size", 10, "owner", "u")).status())
                .isEqualTo(201);
        Instant after = clock.instant();

        List<Instant> stamps = jdbc.sql("""
                        SELECT last_checked AS at FROM asset WHERE customer = :customer
                        UNION ALL SELECT last_calculated FROM space WHERE customer = :customer
                        UNION ALL SELECT integrated_at FROM space WHERE customer = :customer
                        UNION ALL SELECT last_calculated FROM customer WHERE id = :customer
                        UNION ALL SELECT integrated_at FROM customer WHERE id = :customer
                        UNION ALL SELECT integrated_at FROM user_account WHERE customer = :customer
                        """)
                .param("customer", customer).query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
        assertThat(stamps).hasSize(6);
        assertThat(stamps).as("one instant for the whole write").containsOnly(stamps.getFirst());
        assertThat(stamps.getFirst()).as("taken from the service's clock").isBetween(before, after);
    }

    @Test
    void a_reservation_expires_at_the_services_clock_plus_its_time_to_live() {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        clock.advance(Duration.ofSeconds(5));

        Instant before = clock.instant();
        JsonNode reservation = admin().post("/customers/" + customer + "/reservations", object("space", 1, "size", 5, "ttlSeconds", 60))
                .json();
        Instant after = clock.instant();

        assertThat(Instant.parse(reservation.get("expiresAt").asString())).isBetween(before.plusSeconds(60), after.plusSeconds(60));
    }
}
