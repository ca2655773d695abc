package dev.storageledger.web.dlcs;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeds 000 and 001 reproduced: customer 2, whose space 5 holds 12 assets (101847062 bytes, 2734502 thumbnail
 * bytes) and whose other spaces hold 8 more, answers the seed's figures in the seed's shape. The requests come
 * through a proxy that forwards "https://api.dlcs.example", so every URL can be compared with the seed's text.
 */
class Seed001IntegrationTest extends IntegrationTest {

    private static final String SEED_HOST = "Forwarded: proto=https;host=api.dlcs.example";
    private static final int CUSTOMER = 2;

    private LedgerClient admin;

    @BeforeEach
    void recordTheSeedsAssets() {
        admin = admin();
        if (admin.get("/customers/2").status() == 200) {
            return; // recorded by an earlier test of this class; the records are absolute, so this is the same state
        }
        given.customer(CUSTOMER, "default");
        for (int space : new int[] {5, 6, 7}) {
            given.space(CUSTOMER, space);
        }
        // Space 5: seed 000's "my-asset" and 11 more, one at a time.
        given.asset(CUSTOMER, 5, "my-asset", object("size", 4082121, "thumbnailSize", 115874));
        for (int i = 1; i <= 11; i++) {
            long size = i <= 10 ? 9_000_000 : 7_764_941;
            long thumbnails = i <= 10 ? 250_000 : 118_628;
            given.asset(CUSTOMER, 5, "image-" + i, object("size", size, "thumbnailSize", thumbnails));
        }
        // Spaces 6 and 7: 8 assets in one batch.
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            long size = i <= 7 ? 6_000_000 : 6_689_315;
            long thumbnails = i <= 7 ? 250_000 : 479_382;
            records.add(object("space", i % 2 == 0 ? 6 : 7, "asset", "other-" + i, "size", size, "thumbnailSize", thumbnails));
        }
        LedgerClient.Response batch = given.records(CUSTOMER, records);
        assertThat(batch.json().toString()).isEqualTo("{\"created\":8,\"updated\":0,\"deleted\":0}");
    }

    @Test
    void customer_storage_answers_the_seeds_figures_in_the_seeds_shape() {
        JsonNode storage = seedRead("/customers/2/storage");

        assertThat(storage.propertyNames()).containsExactly("@context", "@id", "@type", "numberOfStoredImages",
                "totalSizeOfStoredImages", "totalSizeOfThumbnails", "lastCalculated", "storagePolicy");
        assertThat(storage.get("@context").stringValue()).isEqualTo("https://api.dlcs.example/contexts/CustomerStorage.jsonld");
        assertThat(storage.get("@id").stringValue()).isEqualTo("https://api.dlcs.example/customers/2/storage");
        assertThat(storage.get("@type").stringValue()).isEqualTo("vocab:CustomerStorage");
        assertThat(storage.get("numberOfStoredImages").asLong()).isEqualTo(20);
        assertThat(storage.get("totalSizeOfStoredImages").asLong()).isEqualTo(150536377L);
        assertThat(storage.get("totalSizeOfThumbnails").asLong()).isEqualTo(4963884L);
        assertThat(storage.get("storagePolicy").stringValue()).isEqualTo("https://api.dlcs.example/storagePolicies/default");
        assertThat(Instant.parse(storage.get("lastCalculated").stringValue())).isBefore(Instant.now().plusSeconds(60));
    }

    @Test
    void space_storage_answers_the_seeds_figures_in_the_seeds_shape() {
        JsonNode storage = seedRead("/customers/2/spaces/5/storage");

        assertThat(storage.propertyNames()).containsExactly("@context", "@id", "@type", "numberOfStoredImages",
                "totalSizeOfStoredImages", "totalSizeOfThumbnails", "lastCalculated", "storagePolicy");
        assertThat(storage.get("@id").stringValue()).isEqualTo("https://api.dlcs.example/customers/2/spaces/5/storage");
        assertThat(storage.get("@type").stringValue()).isEqualTo("vocab:CustomerStorage");
        assertThat(storage.get("numberOfStoredImages").asLong()).isEqualTo(12);
        assertThat(storage.get("totalSizeOfStoredImages").asLong()).isEqualTo(101847062L);
        assertThat(storage.get("totalSizeOfThumbnails").asLong()).isEqualTo(2734502L);
        assertThat(storage.get("storagePolicy").stringValue()).isEqualTo("https://api.dlcs.example/storagePolicies/default");
    }

    @Test
    void image_storage_answers_seed_000s_example_in_its_shape() {
        JsonNode storage = seedRead("/customers/2/spaces/5/images/my-asset/storage");

        assertThat(storage.propertyNames()).containsExactly("@context", "@id", "@type", "thumbnailSize", "size",
                "lastChecked", "checkingInProgress");
        assertThat(storage.get("@context").stringValue()).isEqualTo("https://api.dlcs.example/contexts/ImageStorage.jsonld");
        assertThat(storage.get("@id").stringValue()).isEqualTo("https://api.dlcs.example/customers/2/spaces/5/images/my-asset/storage");
        assertThat(storage.get("@type").stringValue()).isEqualTo("vocab:ImageStorage");
        assertThat(storage.get("thumbnailSize").asLong()).isEqualTo(115874);
        assertThat(storage.get("size").asLong()).isEqualTo(4082121);
        assertThat(storage.get("checkingInProgress").booleanValue()).isFalse();
        Instant.parse(storage.get("lastChecked").stringValue());
    }

    @Test
    void the_default_storage_policy_answers_seed_000s_example() {
        LedgerClient.Response response = anonymous().send("GET", "/storagePolicies/default", null, null, SEED_HOST);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().toString()).isEqualTo("{\"@context\":\"https://api.dlcs.example/contexts/StoragePolicy.jsonld\","
                + "\"@id\":\"https://api.dlcs.example/storagePolicies/default\",\"@type\":\"vocab:StoragePolicy\","
                + "\"maximumNumberOfStoredImages\":1000000000,\"maximumTotalSizeOfStoredImages\":1125899906842624}");
    }

    @Test
    void the_customers_policy_link_of_seed_000_answers_the_governing_policy_only() {
        LedgerClient.Response governing = admin.get("/customers/2/storagePolicy/default");
        LedgerClient.Response other = admin.get("/customers/2/storagePolicy/someone-elses");

        assertThat(governing.status()).isEqualTo(200);
        assertThat(governing.json().get("maximumNumberOfStoredImages").asLong()).isEqualTo(1_000_000_000L);
        assertThat(other.status()).isEqualTo(404);
    }

    @Test
    void the_totals_are_those_of_the_asset_rows() {
        long[] sums = jdbc.sql("SELECT count(*), sum(size), sum(thumbnail_size) FROM asset WHERE customer = 2")
                .query((row, number) -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3)}).single();

        assertThat(sums).containsExactly(20, 150536377L, 4963884L);
    }

    private JsonNode seedRead(String path) {
        LedgerClient.Response response = admin.send("GET", path, null, null, SEED_HOST);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        return response.json();
    }
}
