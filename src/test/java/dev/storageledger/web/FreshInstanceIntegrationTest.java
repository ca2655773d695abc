package dev.storageledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service started afresh, as an operator starts it, with structured (ECS JSON) logging and an administrator whose
 * secret is generated: its output is JSON throughout, the generated credentials are one event, and every ledger
 * meter is served from the first scrape.
 */
class FreshInstanceIntegrationTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern SECRET = Pattern.compile("secret: (\\S+)");
    private static final String BANNER = "generated the administrator's credentials";

    /** An administrator key that no earlier start used on the tests' database: its secret is generated. */
    private static final String ADMIN = "fresh-" + UUID.randomUUID();

    private static ServiceProcess instance;
    private static Path log;

    @BeforeAll
    static void start() throws Exception {
        instance = startInstance("fresh", structuredLogging()).awaitHealth(Duration.ofSeconds(120));
        log = Path.of("target", "instance-fresh.log").toAbsolutePath();
    }

    @AfterAll
    static void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
    }

    private static Map<String, String> structuredLogging() {
        return Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs", "LEDGER_ADMIN_KEY", ADMIN, "LEDGER_ADMIN_SECRET", "");
    }

    @Test
    void every_line_of_the_output_is_a_json_event_and_the_credentials_are_one_of_them() throws Exception {
        List<JsonNode> events = events(log);

        List<JsonNode> banners = events.stream().filter(event -> message(event).contains(BANNER)).toList();
        assertThat(banners).hasSize(1);
        String banner = message(banners.getFirst());
        assertThat(banner).contains("key:    " + ADMIN);
        String secret = secret(banner);
        assertThat(Files.readString(log).split(Pattern.quote(secret), -1)).as("the secret is shown once").hasSize(2);
        assertThat(LedgerClient.basic(instance.port(), ADMIN, secret).get("/actuator/info").status()).isEqualTo(200);
        assertThat(LedgerClient.basic(instance.port(), ADMIN, secret + "x").get("/actuator/info").status()).isEqualTo(401);
    }

    @Test
    void a_second_start_with_the_same_administrator_shows_no_secret() throws Exception {
        Path secondLog = Path.of("target", "instance-fresh-again.log").toAbsolutePath();
        try (ServiceProcess again = startInstance("fresh-again", structuredLogging()).awaitHealth(Duration.ofSeconds(120))) {
            List<JsonNode> events = events(secondLog);

            assertThat(events).isNotEmpty();
            assertThat(events).noneSatisfy(event -> assertThat(message(event)).contains(BANNER));
            assertThat(Files.readString(secondLog)).doesNotContain("secret: ");
            assertThat(LedgerClient.basic(again.port(), ADMIN, secret(bannerOf(log))).get("/actuator/info").status()).isEqualTo(200);
        }
    }

    @Test
    void every_ledger_meter_is_served_at_zero_before_anything_happened() throws Exception {
        String prometheus = LedgerClient.basic(instance.port(), ADMIN, secret(bannerOf(log))).get("/actuator/prometheus").body();

        List<String> series = new ArrayList<>();
        for (String operation : List.of("record", "delete", "batch", "reserve", "measured")) {
            for (String outcome : List.of("accepted", "refused")) {
                series.add("ledger_writes_total{operation=\"" + operation + "\",outcome=\"" + outcome + "\"}");
            }
        }
        for (String scope : List.of("customer", "space")) {
            series.add("ledger_limit_refusals_total{limit=\"number_of_images\",scope=\"" + scope + "\"}");
            series.add("ledger_limit_refusals_total{limit=\"total_size\",scope=\"" + scope + "\"}");
        }
        series.add("ledger_limit_refusals_total{limit=\"bytes_used\",scope=\"owner\"}");
        for (String scope : List.of("customer", "space", "owner")) {
            series.add("ledger_recalculation_drift_total{scope=\"" + scope + "\"}");
        }
        for (String throttle : List.of("basic-client", "login-account", "login-account-client", "login-client")) {
            series.add("ledger_authentication_lockouts_total{throttle=\"" + throttle + "\"}");
        }
        series.add("ledger_write_group_writes_count");
        series.add("ledger_write_group_writes_sum");
        series.add("ledger_connections_refused_total");
        series.add("ledger_request_heads_expired_total");
        series.add("ledger_request_heads_evicted_total");
        for (String type : List.of("quota.nearing", "quota.critical", "quota.exceeded", "quota.normal", "pack.expiring", "pack.expired",
                "drift.found", "reconciliation.finished")) {
            series.add("ledger_webhook_events_total{type=\"" + type + "\"}");
        }
        for (String outcome : List.of("delivered", "retrying", "given_up")) {
            series.add("ledger_webhook_deliveries_total{outcome=\"" + outcome + "\"}");
        }
        series.add("ledger_webhook_oldest_undelivered_seconds");

        List<String> lines = prometheus.lines().toList();
        assertThat(series).allSatisfy(name -> assertThat(lines).as(name).containsAnyOf(name + " 0.0", name + " 0"));
    }

    /** Every line the instance wrote, each parsed as a JSON object (the test fails on a line that is not one). */
    private static List<JsonNode> events(Path output) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(output)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.has("@timestamp")).as(line).isTrue();
            events.add(event);
        }
        return events;
    }

    private static String bannerOf(Path output) throws Exception {
        return events(output).stream().map(FreshInstanceIntegrationTest::message).filter(message -> message.contains(BANNER))
                .findFirst().orElseThrow();
    }

    private static String message(JsonNode event) {
        JsonNode message = event.get("message");
        return message == null ? "" : message.stringValue();
    }

    private static String secret(String banner) {
        Matcher secret = SECRET.matcher(banner);
        assertThat(secret.find()).as(banner).isTrue();
        return secret.group(1);
    }
}
