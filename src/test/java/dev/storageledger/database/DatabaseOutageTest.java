package dev.storageledger.database;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.Given;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import dev.storageledger.support.ServiceProcess;
import dev.storageledger.support.StoppableDatabase;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The service and its PostgreSQL as separate processes, and the database stopped and started under the service, as a
 * bad day does. The service is started while its database is down (the first test sees it become ready when the
 * database starts); each later test starts from a running database and leaves it running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageTest {

    private static final String ADMIN_KEY = "admin";
    private static final String ADMIN_SECRET = "outage-admin-secret";
    /** How long any answer may take while the database is down, on this shared two-core machine. */
    private static final Duration FAST = Duration.ofSeconds(3);
    private static final int WRITERS = 8;

    private StoppableDatabase database;
    private ServiceProcess service;
    private LedgerClient admin;
    private LedgerClient anonymous;

    @BeforeAll
    void start_the_service_while_its_database_is_down() throws Exception {
        database = StoppableDatabase.created();
        service = ServiceProcess.start(System.getProperty("java.class.path"), Map.of(
                        "LEDGER_DB_URL", database.url(), "LEDGER_DB_USER", StoppableDatabase.USER, "LEDGER_DB_PASSWORD", "",
                        "LEDGER_ADMIN_KEY", ADMIN_KEY, "LEDGER_ADMIN_SECRET", ADMIN_SECRET),
                Path.of("target", "instance-outage.log").toAbsolutePath());
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
     * The outage run: 8 writers record and delete assets of two customers while the database is stopped for 10 seconds
     * and started again. No answer takes more than 3 s; every answer is 2xx, or 503 with Retry-After; what each
     * writer's answers say holds afterwards (a 2xx write is present, a 503 that says nothing was applied changed
     * nothing, only a 503 that says the write may have been applied leaves either); every total equals the SUM and
     * COUNT of the asset rows.
     */
    @Test
    @Order(3)
    void a_10_second_outage_under_8_writers_answers_every_write_within_3_seconds_and_loses_or_invents_none() throws Exception {
        Given given = Given.by(admin);
        for (int customer : List.of(31, 32)) {
            given.customer(customer);
            given.space(customer, 0);
            given.space(customer, 1);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        List<Writer> writers = new ArrayList<>();
        for (int index = 0; index < WRITERS; index++) {
            writers.add(new Writer(index, 31 + index % 2, index / 2 % 2));
        }
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writerThreads = writers.stream().<Future<?>>map(writer -> threads.submit(() -> writer.run(running))).toList();
            Poll.until(() -> writers.stream().allMatch(writer -> writer.applied() >= 10), Duration.ofSeconds(60));

            database.stop();
            Instant outageEnds = Instant.now().plusSeconds(10);
            Poll.until(() -> Instant.now().isAfter(outageEnds) && writers.stream().allMatch(writer -> writer.answeredSince(outageEnds.minusSeconds(5)) >= 3),
                    Duration.ofSeconds(30));
            Instant restarted = Instant.now();
            database.start();
            Poll.until(() -> writers.stream().allMatch(writer -> writer.appliedSince(restarted) >= 10), Duration.ofSeconds(60));

            running.set(false);
            for (Future<?> writer : writerThreads) {
                writer.get();
            }
        } finally {
            running.set(false);
            threads.shutdownNow();
        }

        List<Answer> answers = writers.stream().flatMap(writer -> writer.answers.stream()).toList();
        List<Duration> times = answers.stream().map(Answer::took).sorted().toList();
        System.out.printf("outage run: %d answers (%d 2xx, %d 503, %d of them 'may have been applied'); time p50 %d ms, p99 %d ms, max %d ms%n",
                answers.size(), answers.stream().filter(answer -> answer.status() / 100 == 2).count(),
                answers.stream().filter(answer -> answer.status() == 503).count(),
                answers.stream().filter(Answer::uncertain).count(), times.get(times.size() / 2).toMillis(),
                times.get(times.size() * 99 / 100).toMillis(), times.getLast().toMillis());
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.took()).as("%s", answer).isLessThan(FAST);
            assertThat(answer.status()).as("%s", answer).isIn(200, 201, 204, 404, 503);
            if (answer.status() == 503) {
                assertThat(answer.retryAfter()).as("%s", answer).isNotNull();
                assertThat(answer.detail()).as("%s", answer).containsAnyOf("nothing was applied", "may have been applied");
            }
        });
        assertThat(answers).as("the outage was seen").anyMatch(answer -> answer.status() == 503);

        JdbcView rows = new JdbcView(database);
        for (Writer writer : writers) {
            writer.possible.forEach((asset, states) -> assertThat(states).as("writer %d's asset %s", writer.index, asset)
                    .contains(rows.size(writer.customer, writer.space, asset)));
        }
        for (int customer : List.of(31, 32)) {
            assertThat(rows.totalsMatchTheRecords(customer)).as("customer %d's totals and its spaces' are SUM/COUNT of its records", customer)
                    .isTrue();
            assertThat(admin.get("/customers/" + customer + "/storage").json().get("totalSizeOfStoredImages").asLong())
                    .isEqualTo(rows.sumOfSizes(customer));
        }
    }

    /** What a writer asked and was answered. */
    private record Answer(String method, String asset, int status, String detail, String retryAfter, Duration took, Instant at) {

        boolean uncertain() {
            return status == 503 && detail.contains("may have been applied");
        }
    }

    /**
     * One writer: records new assets of its own, and deletes every fourth one it recorded two requests earlier, one
     * request at a time; keeps, for each asset, every state its answers allow (a size, or ABSENT).
     */
    private final class Writer {

        static final long ABSENT = -1;

        final int index;
        final int customer;
        final int space;
        final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Set<Long>> possible = new HashMap<>();

        Writer(int index, int customer, int space) {
            this.index = index;
            this.customer = customer;
            this.space = space;
        }

        void run(AtomicBoolean running) {
            for (int n = 0; running.get(); n++) {
                boolean deletion = n % 4 == 3;
                String asset = "w" + index + "-" + (deletion ? n - 2 : n);
                long size = deletion ? ABSENT : 1_000L * index + n + 1;
                String path = "/customers/" + customer + "/spaces/" + space + "/images/" + asset;
                Instant start = Instant.now();
                LedgerClient.Response response;
                try {
                    response = deletion ? admin.delete(path) : admin.put(path, object("size", size, "thumbnailSize", n % 7));
                } catch (UncheckedIOException e) {
                    throw new AssertionError("writer " + index + ": " + asset + " was not answered", e);
                }
                Answer answer = new Answer(deletion ? "DELETE" : "PUT", asset, response.status(),
                        response.status() >= 400 ? response.json().path("detail").asString("") : "", response.header("Retry-After"),
                        Duration.between(start, Instant.now()), start);
                answers.add(answer);
                Set<Long> states = possible.computeIfAbsent(asset, unknown -> new HashSet<>(Set.of(ABSENT)));
                switch (answer.status()) {
                    case 200, 201, 204 -> {
                        states.clear();
                        states.add(size);
                    }
                    case 404 -> {
                        assertThat(states).as("%s answered 404", answer).contains(ABSENT);
                        states.retainAll(Set.of(ABSENT));
                    }
                    case 503 -> {
                        if (answer.uncertain()) {
                            states.add(size);
                        }
                    }
                    default -> throw new AssertionError("unexpected answer " + answer);
                }
            }
        }

        long applied() {
            return answersSince(Instant.MIN).stream().filter(answer -> answer.status() / 100 == 2).count();
        }

        long appliedSince(Instant instant) {
            return answersSince(instant).stream().filter(answer -> answer.status() / 100 == 2).count();
        }

        long answeredSince(Instant instant) {
            return answersSince(instant).size();
        }

        private List<Answer> answersSince(Instant instant) {
            synchronized (answers) {
                return answers.stream().filter(answer -> !answer.at().isBefore(instant)).toList();
            }
        }
    }

    /** The rows as PostgreSQL holds them, read from the test's side. */
    private static final class JdbcView {

        private final org.springframework.jdbc.core.simple.JdbcClient sql;

        JdbcView(StoppableDatabase database) {
            this.sql = database.sql();
        }

        long size(int customer, int space, String asset) {
            return sql.sql("SELECT size FROM asset WHERE customer = :customer AND space = :space AND id = :id")
                    .param("customer", customer).param("space", space).param("id", asset)
                    .query(Long.class).optional().orElse(Writer.ABSENT);
        }

        long sumOfSizes(int customer) {
            return sql.sql("SELECT coalesce(sum(size), 0) FROM asset WHERE customer = :customer").param("customer", customer)
                    .query(Long.class).single();
        }

        boolean totalsMatchTheRecords(int customer) {
            return sql.sql("""
                            SELECT bool_and(s.number_of_stored_images = coalesce(a.n, 0)
                                        AND s.total_size_of_stored_images = coalesce(a.size, 0)
                                        AND s.total_size_of_thumbnails = coalesce(a.thumbnails, 0))
                                   AND (SELECT c.number_of_stored_images = count(asset.id) AND c.total_size_of_stored_images = coalesce(sum(size), 0)
                                               AND c.total_size_of_thumbnails = coalesce(sum(thumbnail_size), 0)
                                        FROM customer c LEFT JOIN asset ON asset.customer = c.id WHERE c.id = :customer
                                        GROUP BY c.id)
                            FROM space s
                            LEFT JOIN (SELECT space, count(*) AS n, sum(size) AS size, sum(thumbnail_size) AS thumbnails
                                       FROM asset WHERE customer = :customer GROUP BY space) a ON a.space = s.id
                            WHERE s.customer = :customer
                            """).param("customer", customer).query(Boolean.class).single();
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
