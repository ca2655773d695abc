package dev.storageledger.ledger.writer;

import static dev.storageledger.support.Json.array;
import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reservations hold room in every limit they touch until they are used up, released or expire; storage reads keep
 * reporting only what is stored.
 */
class ReservationIntegrationTest extends IntegrationTest {

    private LedgerClient admin;
    private int customer;

    /** A customer of at most 10 assets and 1000 bytes, with a space and a user of capacity 600. */
    @BeforeEach
    void aSmallCustomer() {
        admin = admin();
        customer = newCustomerId();
        String policy = "reserve-" + customer;
        given.policy(policy, 10, 1000);
        given.customer(customer, policy);
        given.space(customer, 1);
        given.user(customer, "ann", object("quota", 600));
    }

    private LedgerClient.Response reserve(ObjectNode body) {
        return admin.post("/customers/" + customer + "/reservations", body);
    }

    private LedgerClient.Response put(String asset, ObjectNode record) {
        return admin.put("/customers/" + customer + "/spaces/1/images/" + asset, record);
    }

    private JsonNode storage() {
        return admin.get("/customers/" + customer + "/storage").json();
    }

    @Test
    void a_reservation_holds_room_that_other_writes_cannot_take_and_is_used_up_by_the_record_that_names_it() {
        LedgerClient.Response made = reserve(object("space", 1, "size", 700, "thumbnailSize", 5, "ttlSeconds", 600));
        assertThat(made.status()).isEqualTo(201);
        JsonNode reservation = made.json();
        String id = reservation.get("@id").stringValue().replaceAll(".*/", "");
        assertThat(made.header("Location")).isEqualTo(reservation.get("@id").stringValue());
        assertThat(reservation.get("count").asLong()).isEqualTo(1);
        assertThat(Instant.parse(reservation.get("expiresAt").stringValue())).isBetween(clock.instant().plusSeconds(590),
                clock.instant().plusSeconds(610));

        assertThat(put("other", object("size", 301)).status()).isEqualTo(507);
        assertThat(put("other", object("size", 300)).status()).isEqualTo(201);
        assertThat(storage().get("totalSizeOfStoredImages").asLong()).isEqualTo(300);
        JsonNode customerResource = admin.get("/customers/" + customer).json();
        assertThat(customerResource.get("reservedSize").asLong()).isEqualTo(700);
        assertThat(customerResource.get("reservedImages").asLong()).isEqualTo(1);
        assertThat(admin.get("/customers/" + customer + "/spaces/1").json().get("reservedThumbnailSize").asLong()).isEqualTo(5);

        // The upload came out at exactly the reserved size: it fits although the customer is full.
        assertThat(put("upload", object("size", 700, "thumbnailSize", 5, "reservation", id)).status()).isEqualTo(201);

        assertThat(storage().get("totalSizeOfStoredImages").asLong()).isEqualTo(1000);
        assertThat(admin.get("/customers/" + customer).json().get("reservedSize").asLong()).isZero();
        assertThat(admin.get("/customers/" + customer + "/reservations/" + id).status()).isEqualTo(404);
    }

    @Test
    void a_record_larger_than_its_reservation_is_checked_for_the_difference_and_a_smaller_one_gives_the_rest_back() {
        String big = id(reserve(object("space", 1, "size", 500)));
        String small = id(reserve(object("space", 1, "size", 400)));

        LedgerClient.Response tooBig = put("a", object("size", 601, "reservation", big));
        assertThat(tooBig.status()).isEqualTo(507);
        assertThat(tooBig.json().get("detail").stringValue()).contains("would reach 1001");
        assertThat(put("a", object("size", 100, "reservation", big)).status()).isEqualTo(201);
        assertThat(put("b", object("size", 500)).status()).isEqualTo(201);

        JsonNode customerResource = admin.get("/customers/" + customer).json();
        assertThat(customerResource.get("reservedSize").asLong()).isEqualTo(400);
        assertThat(storage().get("totalSizeOfStoredImages").asLong()).isEqualTo(600);
        assertThat(admin.get("/customers/" + customer + "/reservations/" + small).status()).isEqualTo(200);
    }

    @Test
    void a_reservation_that_would_not_fit_any_of_its_limits_is_refused_with_507() {
        LedgerClient.Response customerFull = reserve(object("space", 1, "size", 1001));
        LedgerClient.Response tooMany = reserve(object("space", 1, "size", 1, "count", 11));
        LedgerClient.Response ownerFull = reserve(object("space", 1, "owner", "ann", "size", 500, "thumbnailSize", 101));

        assertThat(customerFull.status()).isEqualTo(507);
        assertThat(tooMany.status()).isEqualTo(507);
        assertThat(tooMany.json().get("detail").stringValue()).contains("number of images");
        assertThat(ownerFull.status()).isEqualTo(507);
        assertThat(ownerFull.json().get("detail").stringValue()).contains("user 'ann'");
        assertThat(reserve(object("space", 1, "owner", "ann", "size", 500, "thumbnailSize", 100)).status()).isEqualTo(201);
        assertThat(admin.get("/customers/" + customer + "/users/ann").json().get("reservedSize").asLong()).isEqualTo(500);
        assertThat(put("owned", object("size", 1, "owner", "ann")).status()).isEqualTo(507);
    }

    @Test
    void a_released_reservation_gives_its_room_back_at_once() {
        String id = id(reserve(object("space", 1, "size", 900)));
        assertThat(put("x", object("size", 200)).status()).isEqualTo(507);

        assertThat(admin.delete("/customers/" + customer + "/reservations/" + id).status()).isEqualTo(204);

        assertThat(put("x", object("size", 200)).status()).isEqualTo(201);
        assertThat(admin.delete("/customers/" + customer + "/reservations/" + id).status()).isEqualTo(404);
    }

    @Test
    void a_reservation_that_expires_frees_its_room_at_its_expiry_instant() throws Exception {
        JsonNode reservation = reserve(object("space", 1, "size", 900, "ttlSeconds", 2)).json();
        Instant expiry = Instant.parse(reservation.get("expiresAt").stringValue());
        assertThat(put("late", object("size", 200)).status()).isEqualTo(507);

        clock.movePast(expiry);

        assertThat(put("late", object("size", 200)).status()).isEqualTo(201);
        assertThat(admin.get("/customers/" + customer).json().get("reservedSize").asLong()).isZero();
        // A record that names it now is decided as a plain write: the room it held is gone.
        assertThat(put("named", object("size", 900, "reservation", id(reservation))).status()).isEqualTo(507);
    }

    @Test
    void the_answer_carries_the_id_and_a_record_may_name_the_reservation_by_its_id_or_by_its_at_id() {
        JsonNode first = reserve(object("space", 1, "size", 400)).json();
        JsonNode second = reserve(object("space", 1, "size", 500)).json();
        assertThat(first.get("@id").stringValue()).endsWith("/customers/" + customer + "/reservations/" + first.get("id").stringValue());

        assertThat(put("by-id", object("size", 400, "reservation", first.get("id").stringValue())).status()).isEqualTo(201);
        assertThat(admin.post("/customers/" + customer + "/storageRecords", object("records", array(
                object("space", 1, "asset", "by-link", "size", 500, "reservation", second.get("@id").stringValue())))).status())
                .isEqualTo(200);

        assertThat(admin.get("/customers/" + customer).json().get("reservedSize").asLong()).isZero();
        assertThat(storage().get("totalSizeOfStoredImages").asLong()).isEqualTo(900);
        assertThat(admin.get(first.get("@id").stringValue().replaceAll("^https?://[^/]+", "")).status()).isEqualTo(404);
    }

    @Test
    void a_record_naming_a_reservation_the_customer_never_had_is_refused_with_404_naming_it_and_changes_nothing() {
        int other = newCustomerId();
        given.customer(other);
        given.space(other, 1);
        JsonNode othersReservation = admin.post("/customers/" + other + "/reservations", object("space", 1, "size", 10)).json();

        LedgerClient.Response neverMade = put("a", object("size", 10, "reservation", "never-made"));
        LedgerClient.Response othersId = put("a", object("size", 10, "reservation", othersReservation.get("id").stringValue()));
        LedgerClient.Response othersLink = put("a", object("size", 10, "reservation", othersReservation.get("@id").stringValue()));

        assertThat(neverMade.status()).isEqualTo(404);
        assertThat(neverMade.json().get("detail").stringValue()).contains("customer " + customer + " has no reservation 'never-made'");
        assertThat(othersId.status()).isEqualTo(404);
        assertThat(othersId.json().get("detail").stringValue()).contains(othersReservation.get("id").stringValue());
        assertThat(othersLink.status()).isEqualTo(404);
        assertThat(othersLink.json().get("detail").stringValue()).contains("is a reservation of customer " + other);
        assertThat(storage().get("numberOfStoredImages").asLong()).isZero();
    }

    @Test
    void a_record_naming_a_reservation_used_up_or_expired_and_removed_is_a_plain_write() throws Exception {
        String used = id(reserve(object("space", 1, "size", 100)));
        JsonNode expired = reserve(object("space", 1, "size", 100, "ttlSeconds", 1)).json();
        assertThat(put("first", object("size", 100, "reservation", used)).status()).isEqualTo(201);
        clock.movePast(Instant.parse(expired.get("expiresAt").stringValue()));
        // As the housekeeping does with reservations long expired.
        jdbc.sql("DELETE FROM reservation WHERE customer = :customer").param("customer", customer).update();

        assertThat(put("second", object("size", 100, "reservation", used)).status()).isEqualTo(201);
        assertThat(put("third", object("size", 100, "reservation", id(expired))).status()).isEqualTo(201);
        LedgerClient.Response tooBig = put("fourth", object("size", 701, "reservation", used));
        assertThat(tooBig.status()).isEqualTo(507);

        assertThat(storage().get("totalSizeOfStoredImages").asLong()).isEqualTo(300);
    }

    @Test
    void a_507_names_the_stored_and_the_reserved_figures_apart() {
        assertThat(put("stored", object("size", 500)).status()).isEqualTo(201);
        assertThat(reserve(object("space", 1, "size", 300)).status()).isEqualTo(201);

        LedgerClient.Response refused = put("more", object("size", 201));

        assertThat(refused.status()).isEqualTo(507);
        assertThat(refused.json().get("detail").stringValue()).isEqualTo("This operation will fall outside of the storage policy 'reserve-"
                + customer + "' of customer " + customer + " for total size of stored images: maximum is 1000; stored 500 and reserved 300,"
                + " the write would reach 1001");
    }

    @Test
    void storage_reads_report_only_what_is_stored() {
        reserve(object("space", 1, "size", 900, "count", 3));

        JsonNode storage = storage();
        assertThat(storage.get("numberOfStoredImages").asLong()).isZero();
        assertThat(storage.get("totalSizeOfStoredImages").asLong()).isZero();
        assertThat(storage.has("reservedSize")).isFalse();
        assertThat(admin.get("/customers/" + customer + "/spaces/1/storage").json().get("totalSizeOfStoredImages").asLong()).isZero();
    }

    private static String id(LedgerClient.Response made) {
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return id(made.json());
    }

    private static String id(JsonNode reservation) {
        return reservation.get("@id").stringValue().replaceAll(".*/", "");
    }
}
