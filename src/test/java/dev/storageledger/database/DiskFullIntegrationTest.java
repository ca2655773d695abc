package dev.storageledger.database;

import static dev.storageledger.support.Json.array;
import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The database's disk is full: PostgreSQL fails the statements that need room with SQLState 53100 (disk_full). A
 * tablespace on a tiny file system is more than a test can make everywhere, so a trigger raises the same error, with
 * the message PostgreSQL gives, on the rows of one customer: the service gets the real SQLException from PostgreSQL,
 * through the writer and through the other services alike, and must not call it "cannot be reached".
 */
class DiskFullIntegrationTest extends IntegrationTest {

    private static final String NO_ROOM = "The ledger's database has no room left on its disk; nothing was applied";

    private int customer;

    @AfterEach
    void free_the_disk() {
        jdbc.sql("DROP TRIGGER IF EXISTS disk_full ON asset").update();
        jdbc.sql("DROP TRIGGER IF EXISTS disk_full ON space").update();
        jdbc.sql("DROP FUNCTION IF EXISTS disk_full()").update();
    }

    @Test
    void a_write_that_finds_the_disk_full_is_503_no_room_left_nothing_applied_and_health_says_so_until_a_write_commits() {
        customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.asset(customer, 1, "kept", object("size", 100));
        fillTheDiskFor("asset", customer);

        LedgerClient.Response write = admin().put("/customers/" + customer + "/spaces/1/images/new", object("size", 50));
        LedgerClient.Response batch = admin().post("/customers/" + customer + "/storageRecords",
                object("records", array(object("space", 1, "asset", "b", "size", 5))));
        LedgerClient.Response health = admin().get("/actuator/health");

        assertThat(write.status()).as(write.body()).isEqualTo(503);
        assertThat(write.header("Retry-After")).isNotNull();
        assertThat(write.json().get("detail").stringValue()).isEqualTo(NO_ROOM);
        assertThat(batch.status()).isEqualTo(503);
        assertThat(batch.json().get("detail").stringValue()).isEqualTo(NO_ROOM);
        assertThat(admin().get("/customers/" + customer + "/storage").json().get("totalSizeOfStoredImages").asLong()).isEqualTo(100);
        assertThat(health.status()).isEqualTo(503);
        JsonNode writes = health.json().get("components").get("databaseWrites");
        assertThat(writes.get("status").stringValue()).isEqualTo("DOWN");
        assertThat(writes.get("details").get("error").stringValue()).isEqualTo("The ledger's database has no room left on its disk");
        assertThat(writes.get("details").get("cause").stringValue()).startsWith("SQLState 53100: ERROR: could not extend file");
        assertThat(health.json().get("components").get("database").get("status").stringValue()).as("it answers").isEqualTo("UP");
        assertThat(anonymous().get("/actuator/health/readiness").status()).as("reads are still served").isEqualTo(200);

        free_the_disk();
        assertThat(admin().put("/customers/" + customer + "/spaces/1/images/new", object("size", 50)).status()).isEqualTo(201);

        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(admin().get("/actuator/health").json().get("components").get("databaseWrites").get("status").stringValue())
                .isEqualTo("UP");
    }

    @Test
    void any_other_write_that_finds_the_disk_full_is_503_no_room_left_too() {
        customer = newCustomerId();
        given.customer(customer);
        fillTheDiskFor("space", customer);

        LedgerClient.Response space = admin().put("/customers/" + customer + "/spaces/2", object("name", "two"));

        assertThat(space.status()).as(space.body()).isEqualTo(503);
        assertThat(space.header("Retry-After")).isNotNull();
        assertThat(space.json().get("detail").stringValue()).isEqualTo(NO_ROOM);
        assertThat(admin().get("/actuator/health").json().get("components").get("databaseWrites").get("status").stringValue())
                .isEqualTo("DOWN");

        free_the_disk();
        given.space(customer, 2);
        given.asset(customer, 2, "a", object("size", 1));
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
    }

    /** Rows of {@code table} of {@code customerId} now fail as PostgreSQL fails a write on a full disk. */
    private void fillTheDiskFor(String table, int customerId) {
        jdbc.sql("""
                CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'could not extend file "base/16384/16402": No space left on device'
                        USING ERRCODE = 'disk_full', HINT = 'Check free disk space.';
                END
                $$""").update();
        jdbc.sql("CREATE TRIGGER disk_full BEFORE INSERT OR UPDATE ON " + table + " FOR EACH ROW WHEN (NEW.customer = " + customerId
                + ") EXECUTE FUNCTION disk_full()").update();
    }
}
