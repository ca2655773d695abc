package dev.storageledger.ledger.history;

import static dev.storageledger.ledger.history.ScriptedChanges.inForce;
import static dev.storageledger.ledger.history.ScriptedChanges.integral;
import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.ledger.history.ScriptedChanges.Change;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Usage over time against a scripted sequence of writes whose instants are read from the ledger's rows: the history's
 * points equal the totals in force at each boundary, and byte-hours equal the integral computed here by hand, for a
 * customer, a space and a user. The tests' history step is one second (IntegrationTest).
 */
class UsageHistoryIntegrationTest extends IntegrationTest {

    private LedgerClient admin;
    private int customer;

    @BeforeEach
    void aCustomerWithASpaceAndAUser() {
        admin = admin();
        customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.user(customer, "u", object("quota", 1_000_000));
    }

    @Test
    void points_and_byte_hours_equal_the_totals_in_force_and_their_integral_computed_by_hand() throws Exception {
        List<Change> changes = new ArrayList<>();
        changes.add(write("PUT", "a", object("size", 1000, "thumbnailSize", 100, "owner", "u"), 1, 1000, 100));
        clock.movePast(changes.getLast().at().plusMillis(1500));
        changes.add(write("PUT", "b", object("size", 500, "thumbnailSize", 50, "owner", "u"), 2, 1500, 150));
        clock.movePast(changes.getLast().at().plusMillis(2300));
        changes.add(write("DELETE", "a", null, 1, 500, 50));
        clock.movePast(changes.getLast().at().plusMillis(1500));

        Instant from = changes.getFirst().at().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant to = changes.getLast().at().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        for (String scope : List.of("/customers/" + customer, "/customers/" + customer + "/spaces/1")) {
            JsonNode history = admin.get(scope + "/storage/history?from=" + from + "&to=" + to).json();
            assertThat(history.get("@type").asString()).isEqualTo("vocab:StorageHistory");
            assertThat(history.get("step").asString()).isEqualTo("PT1S");
            List<Instant> boundaries = boundaries(from, to);
            assertThat(history.get("points")).hasSize(boundaries.size());
            for (int i = 0; i < boundaries.size(); i++) {
                JsonNode point = history.get("points").get(i);
                Change inForce = inForce(changes, boundaries.get(i));
                assertThat(Instant.parse(point.get("at").asString())).isEqualTo(boundaries.get(i));
                assertThat(point.get("numberOfStoredImages").asLong()).as("%s at %s", scope, point).isEqualTo(inForce.images());
                assertThat(point.get("totalSizeOfStoredImages").asLong()).as("%s at %s", scope, point).isEqualTo(inForce.size());
                assertThat(point.get("totalSizeOfThumbnails").asLong()).isEqualTo(inForce.thumbnails());
            }

            JsonNode byteHours = admin.get(scope + "/storage/byteHours?from=" + from + "&to=" + to).json();
            assertThat(byteHours.get("@type").asString()).isEqualTo("vocab:StorageByteHours");
            assertThat(byteHours.get("byteSeconds").decimalValue()).isEqualByComparingTo(integral(changes, from, to, Change::size));
            assertThat(byteHours.get("thumbnailByteSeconds").decimalValue())
                    .isEqualByComparingTo(integral(changes, from, to, Change::thumbnails));
            assertThat(byteHours.get("imageSeconds").decimalValue()).isEqualByComparingTo(integral(changes, from, to, Change::images));
            assertThat(byteHours.get("byteHours").decimalValue()).isEqualByComparingTo(
                    integral(changes, from, to, Change::size).divide(BigDecimal.valueOf(3600), 9, RoundingMode.HALF_EVEN));

            JsonNode untilNow = admin.get(scope + "/storage/byteHours?from=" + from).json();
            Instant now = Instant.parse(untilNow.get("to").asString());
            assertThat(now).isAfter(changes.getLast().at());
            assertThat(untilNow.get("byteSeconds").decimalValue()).isEqualByComparingTo(integral(changes, from, now, Change::size));
        }

        JsonNode user = admin.get("/customers/" + customer + "/users/u/storage/history?from=" + from + "&to=" + to).json();
        for (JsonNode point : user.get("points")) {
            Change inForce = inForce(changes, Instant.parse(point.get("at").asString()));
            assertThat(point.get("used").asLong()).isEqualTo(inForce.size() + inForce.thumbnails());
            assertThat(point.has("totalSizeOfStoredImages")).isFalse();
        }
        JsonNode userByteHours = admin.get("/customers/" + customer + "/users/u/storage/byteHours?from=" + from + "&to=" + to).json();
        assertThat(userByteHours.get("byteSeconds").decimalValue()).isEqualByComparingTo(
                integral(changes, from, to, change -> change.size() + change.thumbnails()));
    }

    @Test
    void ranges_that_are_not_points_of_the_history_are_refused_by_name() {
        String scope = "/customers/" + customer + "/spaces/1/storage/";
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        assertThat(admin.get(scope + "byteHours?from=" + now.plusMillis(1500)).json().get("detail").asString())
                .contains("from", "is not a point of the history");
        assertThat(admin.get(scope + "byteHours?from=2020-01-01T00:00:00Z").json().get("detail").asString())
                .contains("before this history began");
        assertThat(admin.get(scope + "byteHours?from=" + now.plusSeconds(3600)).json().get("detail").asString())
                .contains("in the future");
        assertThat(admin.get(scope + "byteHours").status()).isEqualTo(400);
        assertThat(admin.get(scope + "history?step=PT5M").json().get("detail").asString()).contains("step must be PT1S");
        assertThat(admin.get(scope + "history?from=yesterday").json().get("detail").asString()).contains("from: must be an ISO 8601 instant");
        assertThat(admin.get(scope + "history?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").status()).isEqualTo(400);
        assertThat(admin.get("/customers/" + customer + "/spaces/2/storage/history").status()).isEqualTo(404);
        assertThat(admin.get("/customers/" + customer + "/users/nobody/storage/byteHours?from=" + now).status()).isEqualTo(404);
    }

    @Test
    void a_history_begins_when_its_scope_was_made_and_a_day_is_its_default_range() {
        JsonNode history = admin.get("/customers/" + customer + "/spaces/1/storage/history").json();
        Instant to = Instant.parse(history.get("to").asString());
        assertThat(Duration.between(Instant.parse(history.get("from").asString()), to)).isLessThanOrEqualTo(Duration.ofDays(1));
        for (JsonNode point : history.get("points")) {
            assertThat(point.get("numberOfStoredImages").asLong()).isZero();
        }
        assertThat(history.get("points").size()).isLessThanOrEqualTo(3);
    }

    /** Writes an asset (or deletes it) and answers the instant of its change, as the space's row records it. */
    private Change write(String method, String asset, Object body, long images, long size, long thumbnails) {
        String path = "/customers/" + customer + "/spaces/1/images/" + asset;
        LedgerClient.Response answer = method.equals("DELETE") ? admin.delete(path) : admin.put(path, body);
        assertThat(answer.status()).as(answer.body()).isBetween(200, 204);
        Instant at = jdbc.sql("SELECT integrated_at FROM space WHERE customer = :customer AND id = 1")
                .param("customer", customer).query(java.sql.Timestamp.class).single().toInstant();
        return new Change(at, images, size, thumbnails);
    }

    private static List<Instant> boundaries(Instant from, Instant to) {
        List<Instant> boundaries = new ArrayList<>();
        for (Instant at = from; !at.isAfter(to); at = at.plusSeconds(1)) {
            boundaries.add(at);
        }
        return boundaries;
    }

}
