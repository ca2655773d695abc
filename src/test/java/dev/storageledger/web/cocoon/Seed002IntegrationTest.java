package dev.storageledger.web.cocoon;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 (Cocoon's organisation storage statistics), reproduced exactly: an organisation with a 4194304 MiB
 * quota whose originators' quotas add up to 10240 MiB and who use 67026768 bytes.
 */
class Seed002IntegrationTest extends IntegrationTest {

    private static final long MIB = 1L << 20;
    private static final String PASSWORD = "organisation!";

    @Test
    void the_seeds_three_strings_and_users_without_the_originator_role_count_in_neither_sum() {
        int organisation = newCustomerId();
        given.policy("cocoon-" + organisation, 1000, 4194304 * MIB);
        given.customer(organisation, "cocoon-" + organisation);
        given.space(organisation, 1);
        given.plan("team-" + organisation, 6144 * MIB);
        given.user(organisation, "ann", object("password", PASSWORD, "roles", List.of("originator"), "quota", 4096 * MIB));
        given.user(organisation, "ben", object("password", PASSWORD, "roles", List.of("originator"), "plan", "team-" + organisation));
        given.user(organisation, "boss", object("password", PASSWORD, "roles", List.of("organisationAdministrator"), "quota", 100000 * MIB));
        given.user(organisation, "guest", object("password", PASSWORD, "roles", List.of(), "quota", 777 * MIB));

        given.asset(organisation, 1, "a1", object("size", 40000000, "thumbnailSize", 26768, "owner", "ann"));
        given.asset(organisation, 1, "b1", object("size", 27000000, "owner", "ben"));
        given.asset(organisation, 1, "boss1", object("size", 5000, "owner", "boss"));
        given.asset(organisation, 1, "guest1", object("size", 6000, "owner", "guest"));
        given.asset(organisation, 1, "orphan", object("size", 7000));

        String token = login(Given.email(organisation, "boss"), PASSWORD).get("access_token").stringValue();
        LedgerClient.Response statistics = bearer(token).get("/api/v1/organisations/" + organisation + "/statistics/items/storage");

        assertThat(statistics.status()).isEqualTo(200);
        assertThat(statistics.body()).isEqualTo(
                "{\"organisationQuota\":\"4194304\",\"objectStorageRequired\":\"10240\",\"objectStorageUsed\":\"67026768\"}");
    }
}
