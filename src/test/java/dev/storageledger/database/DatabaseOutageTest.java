package dev.storageledger.database;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.Given;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.OutageWriters;
import dev.storageledger.support.Poll;
import dev.storageledger.support.ProcessLogsOnFailure;
import dev.storageledger.support.ServiceProcess;
import dev.storageledger.support.StoppableDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The service and its PostgreSQL as separate processes, and the database stopped and started under the service, as a
 * bad day does. The service is started while its database is down (the first test sees it become ready when the
 * database starts); each later test starts from a running database and leaves it running.
 */
@ExtendWith(ProcessLogsOnFailure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageTest {

    private static final String ADMIN_KEY = "admin";
    private static final String ADMIN_SECRET = "outage-admin-secret";
    private static final Duration FAST = OutageWriters.FAST;
    private static final int WRITERS = 8;

    private StoppableDatabase database;
    private ServiceProcess service;
    private LedgerClient admin;
    private LedgerClient anonymous;

    @BeforeAll
    void start_the_service_while_its_database_is_down() throws Exception {
        database = StoppableDatabase.created();
        service = database.service(ADMIN_KEY, ADMIN_SECRET, "outage");
        admin = LedgerClient.basic(service.port(), ADMIN_KEY, ADMIN_SECRET);
        anonymous = LedgerClient.anonymous(service.port());
        service.awaitLiveness(Duration.ofSeconds(120));
    }

    @AfterAll
    void stop_both() throws Exception {
        try (StoppableDatabase stopped = database) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    @Order(1)
    void a_service_started_while_its_database_is_down_is_live_not_ready_answers_503_fast_and_becomes_ready_when_it_starts()
            throws Exception {
        Timed liveness = timed(() -> anonymous.get("/actuator/health/liveness"));
        Timed readiness = timed(() -> anonymous.get("/actuator/health/readiness"));
        Timed health = timed(() -> anonymous.get("/actuator/health"));
        Timed write = timed(() -> admin.put("/customers/1/spaces/1/images/a", object("size", 1)));
        Timed read = timed(() -> admin.get("/customers/1/storage"));

        assertThat(liveness.response().status()).isEqualTo(200);
        assertThat(readiness.response().status()).isEqualTo(503);
        assertThat(readiness.response().json().get("status").stringValue()).isEqualTo("DOWN");
        assertThat(health.response().status()).isEqualTo(503);
        assertUnavailableFast(write, "nothing was applied");
        assertUnavailableFast(read, "retry later");
        assertThat(List.of(liveness, readiness, health)).allSatisfy(answer -> assertThat(answer.took()).isLessThan(FAST));

        database.start();

        Poll.until(() -> anonymous.get("/actuator/health/readiness").status() == 200, Duration.ofSeconds(60));
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        Given given = Given.by(admin);
        given.customer(1);
        given.space(1, 1);
        assertThat(admin.put("/customers/1/spaces/1/images/a", object("size", 1)).status()).isEqualTo(201);
        assertThat(admin.get("/customers/1/storage").json().get("totalSizeOfStoredImages").asLong()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void with_its_database_stopped_the_service_answers_503_within_3_seconds_and_writes_succeed_again_once_it_is_back()
            throws Exception {
        Given.by(admin).customer(2);
        Given.by(admin).space(2, 1);
        assertThat(admin.put("/customers/2/spaces/1/images/before", object("size", 10)).status()).isEqualTo(201);
        JsonNode key = admin.post("/customers/2/keys", (String) null).json();
        LedgerClient customerKey = LedgerClient.basic(service.port(), key.get("key").stringValue(), key.get("secret").stringValue());

        database.stop();

        Poll.until(() -> anonymous.get("/actuator/health").status() == 503, FAST);
        Timed health = timed(() -> anonymous.get("/actuator/health/readiness"));
        Timed write = timed(() -> admin.put("/customers/2/spaces/1/images/during", object("size", 20)));
        Timed read = timed(() -> admin.get("/customers/2/storage"));
        Timed readWithAKey = timed(() -> customerKey.get("/customers/2/storage"));
        assertThat(health.response().status()).isEqualTo(503);
        assertThat(health.took()).isLessThan(FAST);
        assertUnavailableFast(write, "nothing was applied");
        assertUnavailableFast(read, "retry later");
        assertUnavailableFast(readWithAKey, "retry later");
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(admin.get("/actuator/health").body()).as("the administrator sees why").contains("cannot be reached");

        database.start();

        // No restart of the service, no request to it in between: it finds its database again on its own.
        Poll.until(() -> admin.put("/customers/2/spaces/1/images/after", object("size", 30)).status() == 201, Duration.ofSeconds(30));
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(admin.get("/customers/2/storage").json().get("totalSizeOfStoredImages").asLong()).isEqualTo(40);
    }

    /**
     * The outage run of the issue: 8 writers record and delete assets of two customers while the database is stopped
     * for 10 seconds and started again. No answer takes 3 s; every answer is 2xx, a 404 for the deletion of what is
     * absent, or 503 with Retry-After; what each writer's answers say holds afterwards (a 2xx write is there, a 503
     * that says nothing was applied changed nothing, only one that says it may have been applied leaves either); the
     * totals of each customer and space are the SUM and COUNT of its records.
     */
    @Test
    @Order(3)
    void a_10_second_outage_under_8_writers_answers_every_write_within_3_seconds_and_loses_or_invents_none() throws Exception {
        List<Integer> customers = List.of(31, 32);
        OutageWriters.makeCustomers(Given.by(admin), customers);
        try (OutageWriters writers = new OutageWriters(admin, customers, WRITERS)) {
            Poll.until(() -> writers.eachAppliedSince(Instant.MIN, 10), Duration.ofSeconds(60));

            database.stop();
            Instant outageEnds = Instant.now().plusSeconds(10);
            Poll.until(() -> Instant.now().isAfter(outageEnds) && writers.eachAnsweredSince(outageEnds.minusSeconds(5), 3),
                    Duration.ofSeconds(30));
            Instant restarted = Instant.now();
            database.start();
            Poll.until(() -> writers.eachAppliedSince(restarted, 10), Duration.ofSeconds(60));
            writers.stop();

            System.out.println("outage run: " + writers.summary());
            assertThat(writers.answers()).as("the outage was seen").anyMatch(answer -> answer.status() == 503);
            assertThat(writers.violations(database.sql())).isEmpty();
            for (int customer : customers) {
                assertThat(admin.get("/customers/" + customer + "/storage").json().get("totalSizeOfStoredImages").asLong())
                        .isEqualTo(database.sql().sql("SELECT coalesce(sum(size), 0) FROM asset WHERE customer = :customer")
                                .param("customer", customer).query(Long.class).single());
            }
        }
    }

    private record Timed(LedgerClient.Response response, Duration took) {
    }

    private static Timed timed(Supplier<LedgerClient.Response> request) {
        Instant start = Instant.now();
        LedgerClient.Response response = request.get();
        return new Timed(response, Duration.between(start, Instant.now()));
    }

    private static void assertUnavailableFast(Timed answer, String detail) {
        assertThat(answer.response().status()).as(answer.response().body()).isEqualTo(503);
        assertThat(answer.response().header("Retry-After")).isNotNull();
        assertThat(answer.response().json().get("detail").stringValue()).contains("database").contains(detail);
        assertThat(answer.took()).isLessThan(FAST);
    }
}
