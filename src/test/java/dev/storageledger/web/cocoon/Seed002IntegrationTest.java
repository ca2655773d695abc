package dev.storageledger.web.cocoon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 (Cocoon's organisation storage statistics), reproduced exactly: an organisation with a 4194304 MiB
 * quota whose originators' quotas add up to 10240 MiB and who use 67026768 bytes.
 */
class Seed002IntegrationTest extends IntegrationTest {

    private static final long MIB = 1L << 20;

    @Test
    void the_seeds_three_strings_and_users_without_the_originator_role_count_in_neither_sum() {
        LedgerClient admin = admin();
        int organisation = newCustomerId();
        admin.put("/storagePolicies/cocoon-" + organisation, "{\"maximumNumberOfStoredImages\": 1000, "
                + "\"maximumTotalSizeOfStoredImages\": " + 4194304 * MIB + "}");
        admin.put("/customers/" + organisation, "{\"name\": \"XY Company\", \"storagePolicy\": \"cocoon-" + organisation + "\"}");
        admin.put("/customers/" + organisation + "/spaces/1", "{\"name\": \"objects\"}");
        admin.put("/plans/team-" + organisation, "{\"name\": \"Team\", \"capacity\": " + 6144 * MIB + "}");
        String users = "/customers/" + organisation + "/users/";
        admin.put(users + "ann", user("ann", organisation, "[\"originator\"]", "\"quota\": " + 4096 * MIB));
        admin.put(users + "ben", user("ben", organisation, "[\"originator\"]", "\"plan\": \"team-" + organisation + "\""));
        admin.put(users + "boss", user("boss", organisation, "[\"organisationAdministrator\"]", "\"quota\": " + 100000 * MIB));
        admin.put(users + "guest", user("guest", organisation, "[]", "\"quota\": " + 777 * MIB));

        String images = "/customers/" + organisation + "/spaces/1/images/";
        admin.put(images + "a1", "{\"size\": 40000000, \"thumbnailSize\": 26768, \"owner\": \"ann\"}");
        admin.put(images + "b1", "{\"size\": 27000000, \"owner\": \"ben\"}");
        admin.put(images + "boss1", "{\"size\": 5000, \"owner\": \"boss\"}");
        admin.put(images + "guest1", "{\"size\": 6000, \"owner\": \"guest\"}");
        admin.put(images + "orphan", "{\"size\": 7000}");

        String token = login("boss-" + organisation + "@example.com", "organisation!").get("access_token").stringValue();
        LedgerClient.Response statistics = bearer(token).get("/api/v1/organisations/" + organisation + "/statistics/items/storage");

        assertThat(statistics.status()).isEqualTo(200);
        assertThat(statistics.body()).isEqualTo(
                "{\"organisationQuota\":\"4194304\",\"objectStorageRequired\":\"10240\",\"objectStorageUsed\":\"67026768\"}");
    }

    private static String user(String id, int organisation, String roles, String capacity) {
        return "{\"name\": \"" + id + "\", \"email\": \"" + id + "-" + organisation + "@example.com\", \"password\": \"organisation!\","
                + " \"roles\": " + roles + ", " + capacity + "}";
    }
}
