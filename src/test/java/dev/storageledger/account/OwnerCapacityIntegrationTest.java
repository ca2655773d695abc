package dev.storageledger.account;

import static dev.storageledger.support.Json.array;
import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A user's capacity is a limit like a policy: exact under concurrency, refused with 507, moved by packs in time. */
class OwnerCapacityIntegrationTest extends IntegrationTest {

    private static final int THREADS = 32;

    private LedgerClient admin;
    private int customer;

    @BeforeEach
    void aCustomerWithTwoSpaces() {
        admin = admin();
        customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 0);
        given.space(customer, 1);
    }

    private void user(String id, long quota) {
        given.user(customer, id, object("roles", List.of("originator"), "quota", quota));
    }

    private String users() {
        return "/customers/" + customer + "/users/";
    }

    private String image(int space, String asset) {
        return "/customers/" + customer + "/spaces/" + space + "/images/" + asset;
    }

    private JsonNode owner(String id) {
        return admin.get(users() + id).json();
    }

    @Test
    void racing_writers_for_one_owner_fill_their_capacity_exactly_and_no_further() throws Exception {
        user("alice", 10_000);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int writer = thread;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 3; i++) {
                        statuses.add(admin.put(image(writer % 2, "w" + writer + "-" + i),
                                object("size", 250, "thumbnailSize", 50, "owner", "alice")).status());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get();
            }
        }

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(33);
        assertThat(statuses).filteredOn(status -> status == 507).hasSize(THREADS * 3 - 33);
        JsonNode alice = owner("alice");
        assertThat(alice.get("used").asLong()).isEqualTo(9_900);
        assertThat(alice.get("numberOfStoredImages").asLong()).isEqualTo(33);
        assertThat(admin.get("/customers/" + customer + "/storage").json().get("numberOfStoredImages").asLong()).isEqualTo(33);
    }

    @Test
    void a_refusal_names_the_owner_and_their_capacity_and_changes_nothing() {
        user("bob", 1_000);
        given.asset(customer, 0, "first", object("size", 900, "owner", "bob"));

        LedgerClient.Response refused = admin.put(image(0, "second"), object("size", 50, "thumbnailSize", 51, "owner", "bob"));

        assertThat(refused.status()).isEqualTo(507);
        assertThat(refused.json().get("detail").stringValue()).isEqualTo("This operation will fall outside of the capacity "
                + "(base 1000 + active storage packs 0 bytes) of user 'bob' of customer " + customer
                + " for bytes used (size and thumbnails): maximum is 1000; stored 900 and reserved 0, the write would reach 1001");
        assertThat(admin.get(image(0, "second") + "/storage").status()).isEqualTo(404);
        assertThat(owner("bob").get("used").asLong()).isEqualTo(900);
    }

    @Test
    void a_pack_that_expires_takes_its_bytes_out_of_the_capacity_at_that_instant_and_what_is_stored_stays() throws Exception {
        user("carol", 1_000);
        Instant expiry = clock.instant().plusSeconds(2);
        given.pack(customer, "carol", "trial", 1000, expiry);

        assertThat(admin.put(image(0, "big"), object("size", 1500, "owner", "carol")).status()).isEqualTo(201);
        assertThat(owner("carol").get("capacity").asLong()).isEqualTo(2_000);

        clock.movePast(expiry);

        assertThat(admin.put(image(0, "one-more-byte"), object("size", 1, "owner", "carol")).status()).isEqualTo(507);
        JsonNode carol = owner("carol");
        assertThat(carol.get("capacity").asLong()).isEqualTo(1_000);
        assertThat(carol.get("storagePackTotal").asLong()).isZero();
        assertThat(carol.get("used").asLong()).isEqualTo(1_500);
        assertThat(admin.put(image(0, "big"), object("size", 1400, "owner", "carol")).status()).isEqualTo(200);
    }

    @Test
    void moving_an_asset_to_another_owner_moves_its_bytes_and_is_checked_against_the_new_owners_capacity() {
        user("dan", 10_000);
        user("eve", 100);
        given.asset(customer, 1, "report", object("size", 300, "thumbnailSize", 20, "owner", "dan"));

        assertThat(admin.put(image(1, "report"), object("size", 300, "thumbnailSize", 20, "owner", "eve")).status()).isEqualTo(507);
        user("frank", 320);
        assertThat(admin.put(image(1, "report"), object("size", 300, "thumbnailSize", 20, "owner", "frank")).status()).isEqualTo(200);

        assertThat(owner("dan").get("used").asLong()).isZero();
        assertThat(owner("frank").get("used").asLong()).isEqualTo(320);
        assertThat(owner("frank").get("numberOfStoredImages").asLong()).isEqualTo(1);
    }

    @Test
    void an_owner_who_is_not_a_user_is_not_found_and_a_user_who_owns_assets_cannot_be_deleted() {
        user("gina", 10_000);
        LedgerClient.Response single = admin.put(image(0, "x"), object("size", 1, "owner", "ghost"));
        LedgerClient.Response batch = admin.post("/customers/" + customer + "/storageRecords", object("records", array(
                object("space", 0, "asset", "y", "size", 1, "owner", "gina"),
                object("space", 0, "asset", "z", "size", 1, "owner", "ghost"))));

        assertThat(single.status()).isEqualTo(404);
        assertThat(single.json().get("detail").stringValue()).isEqualTo("owner: there is no user 'ghost' of customer " + customer);
        assertThat(batch.status()).isEqualTo(404);
        assertThat(batch.json().get("detail").stringValue()).isEqualTo("records[1].owner: there is no user 'ghost' of customer " + customer);
        assertThat(owner("gina").get("used").asLong()).isZero();

        given.asset(customer, 0, "kept", object("size", 5, "owner", "gina"));
        assertThat(admin.delete(users() + "gina").status()).isEqualTo(409);
        assertThat(admin.delete(image(0, "kept")).status()).isEqualTo(204);
        assertThat(admin.delete(users() + "gina").status()).isEqualTo(204);
        assertThat(admin.get(users() + "gina").status()).isEqualTo(404);
    }
}
