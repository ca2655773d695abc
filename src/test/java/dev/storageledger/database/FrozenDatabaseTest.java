package dev.storageledger.database;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database that hangs rather than stops: its postmaster and backends stopped with SIGSTOP for 20 seconds under 8
 * writers, with connections open and nothing answering, as a frozen machine or a cut network leaves them. The service
 * runs as a process of its own on a database of the test's own, so that no other test's database is frozen.
 */
@ExtendWith(ProcessLogsOnFailure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrozenDatabaseTest {

    private static final String ADMIN_KEY = "admin";
    private static final String ADMIN_SECRET = "frozen-admin-secret";
    /** The longest any request may wait, whatever the database does. */
    private static final Duration SLOWEST = Duration.ofSeconds(5);
    private static final int WRITERS = 8;

    private StoppableDatabase database;
    private ServiceProcess service;
    private LedgerClient admin;
    private LedgerClient anonymous;

    @BeforeAll
    void start_the_database_and_the_service() throws Exception {
        database = StoppableDatabase.created().start();
        service = database.service(ADMIN_KEY, ADMIN_SECRET, "frozen");
        admin = LedgerClient.basic(service.port(), ADMIN_KEY, ADMIN_SECRET);
        anonymous = LedgerClient.anonymous(service.port());
        service.awaitHealth(Duration.ofSeconds(120));
    }

    @AfterAll
    void stop_the_service_then_its_database() throws Exception {
        try {
            if (service != null) {
                service.close(); // first, so that it does not see its database go
            }
        } finally {
            database.close();
        }
    }

    /**
     * Every answer within 5 s: the writes in flight are answered 503 saying whether they may have been applied, the
     * later ones 503 saying nothing was; reads 503 too, and the service is not ready while the database hangs. Once it
     * goes on, writes succeed again, and what every answer said holds in the database's rows and totals.
     */
    @Test
    void a_database_frozen_for_20_seconds_under_8_writers_answers_every_request_within_5_seconds_and_loses_or_invents_nothing()
            throws Exception {
        List<Integer> customers = List.of(41, 42);
        OutageWriters.makeCustomers(Given.by(admin), customers);
        List<Timed> reads = new ArrayList<>();
        try (OutageWriters writers = new OutageWriters(admin, customers, WRITERS)) {
            Poll.until(() -> writers.eachAppliedSince(Instant.MIN, 10), Duration.ofSeconds(60));

            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            database.freeze();
            try {
                // Thawed after 20 s whatever the service does meanwhile (a request it keeps waiting must not hold the freeze).
                ScheduledFuture<?> thaw = clock.schedule(() -> {
                    database.thaw();
                    return null;
                }, 20, TimeUnit.SECONDS);
                Poll.until(() -> timed(reads, () -> anonymous.get("/actuator/health/readiness")).response().status() == 503,
                        Duration.ofSeconds(10));
                Poll.until(() -> {
                    timed(reads, () -> admin.get("/customers/41/storage"));
                    return thaw.isDone();
                }, Duration.ofSeconds(60));
                thaw.get();
            } finally {
                database.thaw();
                clock.shutdownNow();
            }
            Instant thawed = Instant.now();
            Poll.until(() -> writers.eachAppliedSince(thawed, 10), Duration.ofSeconds(60));
            writers.stop();

            System.out.println("frozen run: " + writers.summary());
            assertThat(writers.answers()).as("the freeze was seen").anyMatch(answer -> answer.status() == 503);
            assertThat(writers.violations(database.sql(), SLOWEST)).isEmpty();
            assertThat(reads).allSatisfy(read -> {
                assertThat(read.took()).as("a read or health check during the freeze: %s", read.response().body()).isLessThan(SLOWEST);
                assertThat(read.response().status()).isIn(200, 503);
            });
            for (int customer : customers) {
                assertThat(admin.get("/customers/" + customer + "/storage").json().get("totalSizeOfStoredImages").asLong())
                        .isEqualTo(database.sql().sql("SELECT coalesce(sum(size), 0) FROM asset WHERE customer = :customer")
                                .param("customer", customer).query(Long.class).single());
            }
        }
    }

    private record Timed(LedgerClient.Response response, Duration took) {
    }

    private static Timed timed(List<Timed> into, java.util.function.Supplier<LedgerClient.Response> request) {
        Instant start = Instant.now();
        LedgerClient.Response response = request.get();
        Timed timed = new Timed(response, Duration.between(start, Instant.now()));
        into.add(timed);
        return timed;
    }
}
