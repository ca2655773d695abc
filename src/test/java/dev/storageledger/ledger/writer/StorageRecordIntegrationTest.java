package dev.storageledger.ledger.writer;

import static dev.storageledger.support.Json.array;
import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The ingest side as a platform uses it: records, updates, deletes, batches, retries and policy changes. */
class StorageRecordIntegrationTest extends IntegrationTest {

    private LedgerClient admin;
    private int customer;
    private String prefix;

    @BeforeEach
    void aCustomerWithTwoSpaces() {
        admin = admin();
        customer = newCustomerId();
        prefix = "/customers/" + customer;
        given.policy("records-" + customer, 5, 1000);
        given.customer(customer, "records-" + customer);
        given.space(customer, 1);
        given.space(customer, 2);
    }

    @Test
    void a_new_asset_adds_one_and_its_sizes_and_an_update_adds_the_difference() {
        LedgerClient.Response created = admin.put(prefix + "/spaces/1/images/a", object("size", 100, "thumbnailSize", 10));
        LedgerClient.Response updated = admin.put(prefix + "/spaces/1/images/a", object("size", 250));

        assertThat(created.status()).isEqualTo(201);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("size").asLong()).isEqualTo(250);
        assertThat(updated.json().get("thumbnailSize").asLong()).isZero();
        assertStorage(prefix + "/storage", 1, 250, 0);
        assertStorage(prefix + "/spaces/1/storage", 1, 250, 0);
        assertStorage(prefix + "/spaces/2/storage", 0, 0, 0);
    }

    @Test
    void retrying_a_record_changes_nothing_not_even_its_last_check() {
        JsonNode first = admin.put(prefix + "/spaces/1/images/a", object("size", 100, "thumbnailSize", 10)).json();
        LedgerClient.Response retry = admin.put(prefix + "/spaces/1/images/a", object("size", 100, "thumbnailSize", 10));

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("lastChecked")).isEqualTo(first.get("lastChecked"));
        assertStorage(prefix + "/storage", 1, 100, 10);
    }

    @Test
    void retrying_a_batch_changes_nothing() {
        ObjectNode batch = object("records", array(
                object("space", 1, "asset", "a", "size", 100),
                object("space", 2, "asset", "b", "size", 5, "thumbnailSize", 1),
                object("space", 2, "asset", "never-stored", "deleted", true)));

        JsonNode first = admin.post(prefix + "/storageRecords", batch).json();
        JsonNode retry = admin.post(prefix + "/storageRecords", batch).json();

        assertThat(first.toString()).isEqualTo("{\"created\":2,\"updated\":0,\"deleted\":0}");
        assertThat(retry.toString()).isEqualTo("{\"created\":0,\"updated\":0,\"deleted\":0}");
        assertStorage(prefix + "/storage", 2, 105, 1);
    }

    @Test
    void a_batch_creates_updates_and_deletes_together() {
        given.asset(customer, 1, "kept", object("size", 10));
        given.asset(customer, 2, "gone", object("size", 20, "thumbnailSize", 2));

        JsonNode result = admin.post(prefix + "/storageRecords", object("records", array(
                object("space", 1, "asset", "kept", "size", 15),
                object("space", 2, "asset", "gone", "deleted", true),
                object("space", 2, "asset", "new", "size", 30)))).json();

        assertThat(result.toString()).isEqualTo("{\"created\":1,\"updated\":1,\"deleted\":1}");
        assertStorage(prefix + "/spaces/1/storage", 1, 15, 0);
        assertStorage(prefix + "/spaces/2/storage", 1, 30, 0);
        assertStorage(prefix + "/storage", 2, 45, 0);
    }

    @Test
    void a_large_batch_of_new_records_and_one_that_holds_a_stored_asset_both_count_exactly() {
        admin.put("/storagePolicies/records-" + customer,
                object("maximumNumberOfStoredImages", 1000, "maximumTotalSizeOfStoredImages", 1_000_000));
        JsonNode fresh = admin.post(prefix + "/storageRecords", records("fresh", 100, 3)).json();
        given.asset(customer, 2, "mixed-50", object("size", 1));

        JsonNode mixed = admin.post(prefix + "/storageRecords", records("mixed", 100, 5)).json();

        assertThat(fresh.toString()).isEqualTo("{\"created\":100,\"updated\":0,\"deleted\":0}");
        assertThat(mixed.toString()).isEqualTo("{\"created\":99,\"updated\":1,\"deleted\":0}");
        assertStorage(prefix + "/storage", 200, 100 * 3 + 100 * 5, 0);
        assertStorage(prefix + "/spaces/2/storage", 200, 800, 0);
    }

    /** A batch of {@code count} records in space 2, of assets "prefix-0", "prefix-1", ... of {@code size} bytes each. */
    private static ObjectNode records(String prefix, int count, long size) {
        return object("records", array(IntStream.range(0, count).mapToObj(i -> object("space", 2, "asset", prefix + "-" + i, "size", size))
                .toList()));
    }

    @Test
    void a_batch_that_would_pass_a_limit_is_refused_whole() {
        given.asset(customer, 1, "a", object("size", 900));

        LedgerClient.Response refused = admin.post(prefix + "/storageRecords", object("records", array(
                object("space", 2, "asset", "b", "size", 50),
                object("space", 2, "asset", "c", "size", 51))));

        assertThat(refused.status()).isEqualTo(507);
        assertThat(refused.json().get("title").stringValue()).isEqualTo("Storage limit exceeded");
        assertThat(refused.json().get("detail").stringValue()).isEqualTo("This operation will fall outside of the storage policy 'records-"
                + customer + "' of customer " + customer + " for total size of stored images: maximum is 1000; stored 900 and reserved 0, the write would reach 1001");
        assertStorage(prefix + "/storage", 1, 900, 0);
        assertThat(admin.get(prefix + "/spaces/2/images/b/storage").status()).isEqualTo(404);
    }

    @Test
    void deleting_an_asset_takes_its_sizes_away_and_a_second_delete_finds_nothing() {
        given.asset(customer, 1, "a", object("size", 100, "thumbnailSize", 10));
        given.asset(customer, 1, "b", object("size", 1));

        assertThat(admin.delete(prefix + "/spaces/1/images/a").status()).isEqualTo(204);
        assertThat(admin.delete(prefix + "/spaces/1/images/a").status()).isEqualTo(404);
        assertStorage(prefix + "/storage", 1, 1, 0);
        assertStorage(prefix + "/spaces/1/storage", 1, 1, 0);
    }

    @Test
    void a_lowered_policy_keeps_what_is_stored_refuses_growth_and_accepts_shrinking() {
        given.asset(customer, 1, "a", object("size", 600));
        given.asset(customer, 1, "b", object("size", 300));
        admin.put("/storagePolicies/records-" + customer, object("maximumNumberOfStoredImages", 1, "maximumTotalSizeOfStoredImages", 500));

        assertThat(admin.put(prefix + "/spaces/1/images/c", object("size", 0)).status()).isEqualTo(507);
        assertThat(admin.put(prefix + "/spaces/1/images/a", object("size", 601)).status()).isEqualTo(507);
        assertThat(admin.put(prefix + "/spaces/1/images/a", object("size", 550)).status()).isEqualTo(200);
        assertThat(admin.put(prefix + "/spaces/1/images/a", object("size", 550, "thumbnailSize", 99999)).status()).isEqualTo(200);
        assertThat(admin.delete(prefix + "/spaces/1/images/b").status()).isEqualTo(204);
        assertStorage(prefix + "/storage", 1, 550, 99999);
    }

    @Test
    void a_spaces_own_policy_applies_on_top_of_its_customers() {
        given.policy("tiny-" + customer, 1, 100);
        admin.put(prefix + "/spaces/2", object("name", "two", "storagePolicy", "tiny-" + customer));

        assertThat(admin.put(prefix + "/spaces/2/images/a", object("size", 100)).status()).isEqualTo(201);
        LedgerClient.Response second = admin.put(prefix + "/spaces/2/images/b", object("size", 1));
        assertThat(admin.put(prefix + "/spaces/1/images/b", object("size", 1)).status()).isEqualTo(201);

        assertThat(second.status()).isEqualTo(507);
        assertThat(second.json().get("detail").stringValue()).contains("'tiny-" + customer + "' of space 2 of customer " + customer,
                "number of images: maximum is 1; stored 1 and reserved 0, the write would reach 2");
        assertThat(admin.get(prefix + "/spaces/2/storage").json().get("storagePolicy").stringValue())
                .endsWith("/storagePolicies/tiny-" + customer);
        assertThat(admin.get(prefix + "/spaces/1/storage").json().get("storagePolicy").stringValue())
                .endsWith("/storagePolicies/records-" + customer);
    }

    @Test
    void last_calculated_moves_with_each_change_of_its_scope() {
        Instant before = Instant.parse(admin.get(prefix + "/spaces/1/storage").json().get("lastCalculated").stringValue());
        admin.put(prefix + "/spaces/1/images/a", object("size", 1));

        Instant after = Instant.parse(admin.get(prefix + "/spaces/1/storage").json().get("lastCalculated").stringValue());
        Instant untouched = Instant.parse(admin.get(prefix + "/spaces/2/storage").json().get("lastCalculated").stringValue());

        assertThat(after).isAfter(before);
        assertThat(untouched).isBefore(after);
    }

    @Test
    void a_space_is_deleted_only_once_it_holds_nothing() {
        given.asset(customer, 1, "a", object("size", 1));

        assertThat(admin.delete(prefix + "/spaces/1").status()).isEqualTo(409);
        admin.delete(prefix + "/spaces/1/images/a");
        assertThat(admin.delete(prefix + "/spaces/1").status()).isEqualTo(204);
        assertThat(admin.get(prefix + "/spaces/1").status()).isEqualTo(404);
    }

    @Test
    void a_policy_is_deleted_only_while_nothing_uses_it() {
        String policy = "/storagePolicies/records-" + customer;

        assertThat(admin.delete(policy).status()).isEqualTo(409);
        admin.put(prefix, object("name", "records", "storagePolicy", "default"));
        assertThat(admin.delete(policy).status()).isEqualTo(204);
        assertThat(admin.get(policy).status()).isEqualTo(404);
        assertThat(admin.put(policy, object("maximumNumberOfStoredImages", 1, "maximumTotalSizeOfStoredImages", 1)).status())
                .isEqualTo(201);
    }

    @Test
    void policies_are_listed_a_page_at_a_time() {
        JsonNode page = anonymous().get("/storagePolicies?page=2&pageSize=1").json();

        assertThat(page.get("@type").stringValue()).isEqualTo("Collection");
        assertThat(page.get("member")).hasSize(1);
        assertThat(page.get("pageSize").asInt()).isEqualTo(1);
        assertThat(page.get("totalItems").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.get("view").get("previous").stringValue()).endsWith("/storagePolicies?page=1&pageSize=1");
        assertThat(page.get("view").get("page").asInt()).isEqualTo(2);
    }

    private void assertStorage(String path, long images, long size, long thumbnails) {
        JsonNode storage = admin.get(path).json();
        assertThat(storage.get("numberOfStoredImages").asLong()).as(path + " numberOfStoredImages").isEqualTo(images);
        assertThat(storage.get("totalSizeOfStoredImages").asLong()).as(path + " totalSizeOfStoredImages").isEqualTo(size);
        assertThat(storage.get("totalSizeOfThumbnails").asLong()).as(path + " totalSizeOfThumbnails").isEqualTo(thumbnails);
    }
}
