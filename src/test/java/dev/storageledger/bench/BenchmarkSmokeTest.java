package dev.storageledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;

/**
 * Every benchmark workload, run for a moment on tiny data against this test's service, so that the suite cannot
 * silently rot: each must produce a figure and a baseline with no failed request, and a report.
 * (The real runs are bench/run, outside the test command.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"ledger.benchmark.enabled=true", "ledger.storage.root=target/bench/storage"})
class BenchmarkSmokeTest extends IntegrationTest {

    private Workload.Target target;

    @BeforeAll
    void tinyData() throws Exception {
        TestDatabase.Connection connection = TestDatabase.get();
        DataGenerator database = new DataGenerator(connection.url(), connection.user(), connection.password());
        DataGenerator.Scale scale = new DataGenerator.Scale(700_000, 3, 2, 4);
        database.load(scale);
        // Two "instances" that are this one service: enough to run the two-instance workload's code on tiny data.
        String service = "http://localhost:" + port;
        target = new Workload.Target(List.of(service, service), ADMIN_KEY, ADMIN_SECRET, database, scale,
                Map.of("LEDGER_DB_URL", connection.url(), "LEDGER_DB_USER", connection.user(), "LEDGER_DB_PASSWORD", connection.password(),
                        "LEDGER_ADMIN_SECRET", ADMIN_SECRET, "LEDGER_TOKEN_KEY_ENCRYPTION_KEY", TOKEN_KEY_ENCRYPTION_KEY), CpuMeter.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"core", "reads", "writes", "batch", "instances", "recalculation", "reconciliation", "ingest"})
    void a_workload_measures_itself_and_its_baseline(String name, @TempDir Path directory) throws Exception {
        Workload.Settings settings = new Workload.Settings(4, 4, Duration.ofMillis(100), Duration.ofMillis(400), 50);

        List<Workload.Comparison> comparisons = BenchmarkSuite.WORKLOADS.get(name).run(target, settings);

        assertThat(comparisons).isNotEmpty().allSatisfy(comparison -> {
            assertThat(comparison.measured().value()).isPositive();
            assertThat(comparison.baseline().value()).isPositive();
            assertThat(comparison.measured().failures()).isZero();
            assertThat(comparison.baseline().failures()).isZero();
        });
        Path report = directory.resolve("benchmarks.md");
        Report.write(report, Report.markdown("bench/run " + name, BenchmarkSuite.machine(), "tiny", comparisons, null));
        Report.write(report, Report.markdown("bench/run " + name, BenchmarkSuite.machine(), "tiny again", comparisons, null));
        assertThat(Files.readString(report)).contains("| " + comparisons.getFirst().workload()).contains("tiny again")
                .doesNotContain("tiny\n");
    }

    @Test
    void the_generated_data_has_exact_totals() {
        long differing = jdbc.sql("""
                        SELECT count(*) FROM customer c
                        LEFT JOIN (SELECT customer, count(*) AS n, sum(size) AS size FROM asset GROUP BY customer) a ON a.customer = c.id
                        WHERE c.id BETWEEN 700000 AND 700002
                          AND (c.number_of_stored_images <> coalesce(a.n, 0) OR c.total_size_of_stored_images <> coalesce(a.size, 0))
                        """).query(Long.class).single();
        long assets = jdbc.sql("SELECT count(*) FROM asset WHERE customer BETWEEN 700000 AND 700002").query(Long.class).single();

        assertThat(differing).isZero();
        assertThat(assets).isGreaterThanOrEqualTo(3 * 2 * 4);
    }

    @Test
    void the_trigger_design_keeps_exact_totals_and_refuses_a_write_over_a_limit() throws Exception {
        String admin = Workload.Target.basic(ADMIN_KEY, ADMIN_SECRET);
        HttpClient http = HttpClient.newHttpClient();
        BiFunction<String, String, Integer> put = (path, body) -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(target.baseUrls().getFirst() + path))
                        .header("Authorization", admin).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String images = "/bench/trigger/customers/900001/spaces/";
        assertThat(put.apply(images + "1/images/a", "{\"size\": 100, \"thumbnailSize\": 10}")).isEqualTo(201);
        assertThat(put.apply(images + "2/images/b", "{\"size\": 200, \"thumbnailSize\": 20}")).isEqualTo(201);
        assertThat(put.apply(images + "1/images/a", "{\"size\": 150, \"thumbnailSize\": 10}")).isEqualTo(201);
        jdbc.sql("UPDATE bench_trigger_customer SET maximum_total_size_of_stored_images = 400 WHERE customer = 900001").update();

        assertThat(put.apply(images + "2/images/c", "{\"size\": 100}")).isEqualTo(507);

        assertThat(jdbc.sql("SELECT total_size_of_stored_images FROM bench_trigger_customer WHERE customer = 900001")
                .query(Long.class).single()).isEqualTo(350);
        assertThat(jdbc.sql("SELECT space || ' ' || number_of_stored_images || ' ' || total_size_of_stored_images || ' ' || "
                + "total_size_of_thumbnails FROM bench_trigger_space WHERE customer = 900001 ORDER BY space").query(String.class).list())
                .containsExactly("1 1 150 10", "2 1 200 20");
    }
}
