package dev.storageledger.audit;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The ledger against a real storage, the same for every backend: a check of an asset whose files changed moves its
 * figures and every total by exactly the difference (and says checkingInProgress while it runs); a reconciliation
 * finds exactly the seeded mismatches, missing assets and orphans, and its apply mode leaves the ledger equal to the
 * storage.
 */
abstract class RealStorageContract extends IntegrationTest {

    private LedgerClient admin;
    private int customer;

    /** Stores an object of {@code bytes} bytes at {@code path} in the backend under test. */
    abstract void write(String path, int bytes) throws Exception;

    /** How many tile files the checked asset gets: enough that a check takes longer than a request. */
    abstract int tiles();

    @BeforeEach
    void aCustomerWithTwoSpaces() {
        admin = admin();
        customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.space(customer, 2);
    }

    /** The resource at {@code path} once its {@code field} reads {@code finished}. */
    private JsonNode await(String path, String field, String finished) throws Exception {
        return Poll.until(() -> admin.get(path).json(), resource -> resource.get(field).asString().equals(finished),
                Duration.ofSeconds(60));
    }

    private long total(String path, String field) {
        return admin.get(path).json().get(field).asLong();
    }

    @Test
    void a_check_measures_the_assets_files_and_moves_every_total_by_exactly_the_difference() throws Exception {
        given.asset(customer, 1, "scan", object("size", 100, "thumbnailSize", 10));
        given.asset(customer, 1, "other", object("size", 1000, "thumbnailSize", 1));
        for (int file = 0; file < tiles(); file++) {
            write(customer + "/1/scan/tiles/" + file + ".bin", 1);
        }
        write(customer + "/1/scan/master.tif", 280);
        write("thumbs/" + customer + "/1/scan/100.jpg", 7);
        String storage = "/customers/" + customer + "/spaces/1/images/scan/storage";
        String before = admin.get(storage).json().get("lastChecked").stringValue();

        LedgerClient.Response started = admin.post(storage + "/check", null);
        JsonNode during = admin.get(storage).json();

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("checkingInProgress").asBoolean()).isTrue();
        assertThat(during.get("checkingInProgress").asBoolean()).isTrue();
        JsonNode after = await(storage, "checkingInProgress", "false");
        assertThat(after.get("size").asLong()).isEqualTo(tiles() + 280);
        assertThat(after.get("thumbnailSize").asLong()).isEqualTo(7);
        assertThat(Instant.parse(after.get("lastChecked").stringValue())).isAfter(Instant.parse(before));
        assertThat(total("/customers/" + customer + "/spaces/1/storage", "totalSizeOfStoredImages")).isEqualTo(tiles() + 1280);
        assertThat(total("/customers/" + customer + "/storage", "totalSizeOfStoredImages")).isEqualTo(tiles() + 1280);
        assertThat(total("/customers/" + customer + "/storage", "totalSizeOfThumbnails")).isEqualTo(8);
        assertThat(admin.post("/customers/" + customer + "/spaces/1/images/absent/storage/check", null).status()).isEqualTo(404);
    }

    @Test
    void a_reconciliation_reports_exactly_the_mismatches_missing_assets_and_orphans_and_apply_makes_the_ledger_the_storage()
            throws Exception {
        String images = "/customers/" + customer + "/spaces/1/images/";
        given.asset(customer, 1, "same", object("size", 30, "thumbnailSize", 3));
        given.asset(customer, 1, "bigger", object("size", 100));
        given.asset(customer, 1, "gone", object("size", 40, "thumbnailSize", 4));
        given.asset(customer, 1, "a", object("size", 5));
        given.asset(customer, 2, "elsewhere", object("size", 9));
        write(customer + "/1/same/f", 30);
        write("thumbs/" + customer + "/1/same/t", 3);
        write(customer + "/1/bigger/f", 150);
        write(customer + "/1/a/f", 5);
        write(customer + "/1/a-b/f", 11); // "a-b/" sorts before "a/", as in a bucket's listing
        write(customer + "/1/stray/f1", 60);
        write(customer + "/1/stray/f2", 10);
        write("thumbs/" + customer + "/1/stray/t", 5);
        write(customer + "/1/readme.txt", 999); // not inside an asset's folder: not an asset

        JsonNode dryRun = reconcile(object("space", 1));

        assertThat(dryRun.get("state").stringValue()).isEqualTo("succeeded");
        assertThat(dryRun.get("mode").stringValue()).isEqualTo("dry-run");
        assertThat(dryRun.get("scope").stringValue()).isEqualTo("space 1 of customer " + customer);
        assertThat(dryRun.get("matching").asLong()).isEqualTo(2);
        assertThat(dryRun.get("mismatched").get("items").toString()).isEqualTo(
                "[{\"space\":1,\"asset\":\"bigger\",\"size\":100,\"thumbnailSize\":0,\"measuredSize\":150,\"measuredThumbnailSize\":0}]");
        assertThat(dryRun.get("missing").get("items").toString()).isEqualTo("[{\"space\":1,\"asset\":\"gone\",\"size\":40,\"thumbnailSize\":4}]");
        assertThat(dryRun.get("orphans").get("count").asLong()).isEqualTo(2);
        assertThat(dryRun.get("orphans").get("size").asLong()).isEqualTo(81);
        assertThat(dryRun.get("orphans").get("thumbnailSize").asLong()).isEqualTo(5);
        assertThat(dryRun.get("orphans").get("items").valueStream().map(item -> item.get("asset").stringValue())).containsExactly("a-b", "stray");
        assertThat(dryRun.get("applied").asLong()).isZero();
        assertThat(total("/customers/" + customer + "/spaces/1/storage", "totalSizeOfStoredImages")).isEqualTo(175);

        JsonNode applied = reconcile(object("space", 1, "apply", true));

        assertThat(applied.get("applied").asLong()).isEqualTo(4);
        assertThat(admin.get(images + "bigger/storage").json().get("size").asLong()).isEqualTo(150);
        assertThat(admin.get(images + "gone/storage").status()).isEqualTo(404);
        assertThat(admin.get(images + "stray/storage").json().get("thumbnailSize").asLong()).isEqualTo(5);
        assertThat(total("/customers/" + customer + "/spaces/1/storage", "totalSizeOfStoredImages")).isEqualTo(30 + 150 + 5 + 11 + 70);
        assertThat(total("/customers/" + customer + "/storage", "totalSizeOfStoredImages")).isEqualTo(30 + 150 + 5 + 11 + 70 + 9);
        JsonNode again = reconcile(object("space", 1));
        assertThat(again.get("matching").asLong()).isEqualTo(5);
        assertThat(again.get("mismatched").get("count").asLong() + again.get("missing").get("count").asLong()
                + again.get("orphans").get("count").asLong()).isZero();
        JsonNode wholeCustomer = reconcile(null);
        assertThat(wholeCustomer.get("missing").get("items").get(0).get("asset").stringValue()).isEqualTo("elsewhere");
    }

    /** Runs a reconciliation of what {@code body} names (the whole customer when it is null) to its end. */
    private JsonNode reconcile(JsonNode body) throws Exception {
        LedgerClient.Response started = admin.post("/customers/" + customer + "/storage/reconciliations", body);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        return await(location.substring(location.indexOf("/", "http://".length())), "state", "succeeded");
    }
}
