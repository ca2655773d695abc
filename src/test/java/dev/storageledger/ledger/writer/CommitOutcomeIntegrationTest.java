package dev.storageledger.ledger.writer;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.CuttingProxy;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.ServiceProcess;
import dev.storageledger.support.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A write whose connection to PostgreSQL breaks, from outside the service: an instance runs as a process of its own,
 * connected to the tests' database through a proxy that breaks the connection of the write's transaction at a chosen
 * message. Broken after PostgreSQL has answered COMMIT, the write is applied, yet the service cannot know it; broken
 * before its first statement reaches PostgreSQL, it is not. The answers must tell the two apart.
 */
class CommitOutcomeIntegrationTest extends IntegrationTest {

    private static CuttingProxy proxy;
    private static ServiceProcess instance;

    @BeforeAll
    static void start_an_instance_behind_the_proxy() throws Exception {
        TestDatabase.Connection database = TestDatabase.get();
        URI server = URI.create(database.url().substring("jdbc:".length()));
        proxy = CuttingProxy.to(server.getHost(), server.getPort());
        String proxied = database.url().replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + proxy.port());
        instance = ServiceProcess.start(System.getProperty("java.class.path"), Map.of(
                        "LEDGER_DB_URL", proxied, "LEDGER_DB_USER", database.user(), "LEDGER_DB_PASSWORD", database.password(),
                        "LEDGER_ADMIN_KEY", ADMIN_KEY, "LEDGER_ADMIN_SECRET", ADMIN_SECRET),
                Path.of("target", "instance-commit-outcome.log").toAbsolutePath());
        instance.awaitHealth(Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop_it() throws Exception {
        try (CuttingProxy closing = proxy) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void a_write_whose_connection_breaks_after_postgresql_answered_its_commit_is_answered_503_may_have_been_applied_and_it_was()
            throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        LedgerClient client = adminOf(instance.port());

        proxy.arm("COMMIT", CuttingProxy.Cut.BEFORE_THE_CLIENT_HEARS_IT);
        LedgerClient.Response answer = client.put("/customers/" + customer + "/spaces/1/images/a", object("size", 700, "thumbnailSize", 7));

        assertThat(proxy.hasCut(Duration.ofSeconds(10))).as("the proxy dropped PostgreSQL's answer COMMIT").isTrue();
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotNull();
        assertThat(answer.json().get("detail").stringValue())
                .isEqualTo("The connection to the ledger's database failed while the write was being committed: it may have been "
                        + "applied. Retrying it is safe: a record carries absolute figures (or is a deletion), so applying it again "
                        + "changes nothing");
        assertThat(storedSize(customer, "a")).as("PostgreSQL committed it").isEqualTo(700);

        LedgerClient.Response retry = client.put("/customers/" + customer + "/spaces/1/images/a", object("size", 700, "thumbnailSize", 7));

        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(admin().get("/customers/" + customer + "/storage").json().get("totalSizeOfStoredImages").asLong()).isEqualTo(700);
        assertThat(admin().get("/customers/" + customer + "/storage").json().get("numberOfStoredImages").asLong()).isEqualTo(1);
    }

    @Test
    void a_write_whose_connection_breaks_before_its_transaction_reaches_postgresql_is_answered_503_nothing_was_applied_and_nothing_was()
            throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        LedgerClient client = adminOf(instance.port());

        proxy.arm("BEGIN", CuttingProxy.Cut.BEFORE_THE_SERVER_SEES_IT);
        LedgerClient.Response answer = client.put("/customers/" + customer + "/spaces/1/images/a", object("size", 800));

        assertThat(proxy.hasCut(Duration.ofSeconds(10))).as("the proxy broke the connection at BEGIN").isTrue();
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotNull();
        assertThat(answer.json().get("detail").stringValue()).isEqualTo("The ledger's database cannot be reached; nothing was applied");
        assertThat(storedSize(customer, "a")).as("nothing reached PostgreSQL").isEqualTo(-1);
        assertThat(admin().get("/customers/" + customer + "/storage").json().get("numberOfStoredImages").asLong()).isZero();

        assertThat(client.put("/customers/" + customer + "/spaces/1/images/a", object("size", 800)).status()).isEqualTo(201);
    }

    private long storedSize(int customer, String asset) {
        return jdbc.sql("SELECT size FROM asset WHERE customer = :customer AND id = :id").param("customer", customer).param("id", asset)
                .query(Long.class).optional().orElse(-1L);
    }
}
