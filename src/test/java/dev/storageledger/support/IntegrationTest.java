package dev.storageledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.StorageLedgerApplication;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The base of the full-stack tests: the whole service on a random port, on the test PostgreSQL, driven over
 * real HTTP. All such tests share one application context and one database; each test makes customers of its
 * own with {@link #newCustomerId()}, so tests never see each other's figures.
 */
@ExtendWith(ProcessLogsOnFailure.class)
@SpringBootTest(classes = StorageLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableClock.class)
public abstract class IntegrationTest {

    public static final String ADMIN_KEY = "admin";
    public static final String ADMIN_SECRET = "test-admin-secret";
    /** The key that encrypts the token signing key in the tests' database (an external one needs it set). */
    public static final String TOKEN_KEY_ENCRYPTION_KEY = "dGVzdHMtdG9rZW4ta2V5LWVuY3J5cHRpb24ta2V5ITE=";

    /** Customer ids below 1000 are left to tests that need a particular id, such as the seeds' customer 2. */
    private static final AtomicInteger NEXT_CUSTOMER = new AtomicInteger(1000);

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    /** The service's clock: move it past an instant rather than wait for it ({@link MovableClock}). */
    @Autowired
    protected MovableClock clock;

    /** The set-ups tests start from, made by the administrator: {@code given.customer(customer)}. */
    protected final Given given = new Given(this::admin);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Connection database = TestDatabase.get();
        registry.add("ledger.db.url", database::url);
        registry.add("ledger.db.user", database::user);
        registry.add("ledger.db.password", database::password);
        registry.add("ledger.admin.key", () -> ADMIN_KEY);
        registry.add("ledger.admin.secret", () -> ADMIN_SECRET);
        registry.add("ledger.tokens.key-encryption-key", () -> TOKEN_KEY_ENCRYPTION_KEY);
        // A history step short enough for tests to cross its boundaries.
        registry.add("ledger.history.step", () -> "1s");
        registry.add("ledger.quota.forecast-window", () -> "30s");
        // Webhooks to the tests' receivers on 127.0.0.1, retried within a second, packs' expiry scanned every second.
        registry.add("ledger.webhooks.allow-private", () -> "true");
        registry.add("ledger.webhooks.first-retry", () -> "200ms");
        registry.add("ledger.webhooks.poll-interval", () -> "100ms");
        registry.add("ledger.webhooks.pack-scan-interval", () -> "1s");
        // Requests from 127.0.1.0/24 come through a reverse proxy; from anywhere else, straight from their client
        // (the older setting on too: the list of proxies governs then).
        registry.add("ledger.throttle.trusted-proxies", () -> "127.0.1.0/24");
        registry.add("ledger.throttle.client-address-from-forwarded", () -> "true");
    }

    /**
     * Waits until every webhook delivery of the customer's events is delivered or given up: then a receiver has had
     * every request it will get for events already committed, and a test may count them.
     */
    protected void awaitWebhooksSettled(int customer) throws Exception {
        Poll.until(() -> jdbc.sql("""
                        SELECT count(*) = 0 FROM webhook_delivery d JOIN webhook_event e ON e.seq = d.event
                        WHERE e.customer = :customer AND d.delivered_at IS NULL AND d.given_up_at IS NULL
                        """).param("customer", customer).query(Boolean.class).single(), Duration.ofSeconds(30));
    }

    protected static int newCustomerId() {
        return NEXT_CUSTOMER.getAndIncrement();
    }

    protected LedgerClient admin() {
        return new LedgerClient(port, ADMIN_KEY, ADMIN_SECRET);
    }

    protected LedgerClient anonymous() {
        return new LedgerClient(port, null, null);
    }

    protected LedgerClient as(String key, String secret) {
        return new LedgerClient(port, key, secret);
    }

    /**
     * Logs a user in through Cloudreve's session endpoint; answers the "token" object of its data
     * (access_token, refresh_token, access_expires, refresh_expires).
     */
    protected JsonNode login(String email, String password) {
        JsonNode answer = anonymous().post("/api/v4/session/token", Json.object("email", email, "password", password)).json();
        assertThat(answer.get("code").asInt()).as("login of %s: %s", email, answer).isZero();
        return answer.get("data").get("token");
    }

    /** The administrator of a service instance that listens on {@code port} (one started by {@link #startInstance}). */
    protected LedgerClient adminOf(int port) {
        return new LedgerClient(port, ADMIN_KEY, ADMIN_SECRET);
    }

    /**
     * Starts another instance of the service as a process of its own, on the tests' database, with the tests'
     * administrator; its output goes to target/instance-{name}.log.
     */
    protected static ServiceProcess startInstance(String name) throws Exception {
        return startInstance(name, Map.of());
    }

    /** {@link #startInstance(String)} with more settings ({@code settings} win over the tests' own). */
    protected static ServiceProcess startInstance(String name, Map<String, String> settings) throws Exception {
        TestDatabase.Connection database = TestDatabase.get();
        Map<String, String> environment = new HashMap<>(Map.of(
                "LEDGER_DB_URL", database.url(), "LEDGER_DB_USER", database.user(), "LEDGER_DB_PASSWORD", database.password(),
                "LEDGER_ADMIN_KEY", ADMIN_KEY, "LEDGER_ADMIN_SECRET", ADMIN_SECRET));
        environment.putAll(settings);
        return ServiceProcess.start(System.getProperty("java.class.path"), environment,
                ProcessLogs.of(name));
    }

    /** A client that presents a bearer token (any text: tests send malformed ones too). */
    protected LedgerClient bearer(String token) {
        return LedgerClient.bearer(port, token);
    }
}
