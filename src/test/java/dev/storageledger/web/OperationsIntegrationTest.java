package dev.storageledger.web;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What an operator needs: health for load balancers, the build and commit that runs, the OpenAPI document and its UI,
 * and Prometheus metrics.
 */
class OperationsIntegrationTest extends IntegrationTest {

    @Test
    void health_answers_anyone() {
        LedgerClient.Response health = anonymous().get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").stringValue()).isEqualTo("UP");
    }

    @Test
    void info_names_the_build_and_its_commit_to_the_administrator_only() throws IOException {
        Properties git = properties("git.properties");
        Properties build = properties("META-INF/build-info.properties");

        LedgerClient.Response info = admin().get("/actuator/info");

        assertThat(info.status()).isEqualTo(200);
        JsonNode answer = info.json();
        assertThat(answer.get("build").get("version").stringValue()).isEqualTo(build.getProperty("build.version")).isNotBlank();
        assertThat(answer.get("build").get("name").stringValue()).isEqualTo("Storage Ledger");
        assertThat(Instant.parse(answer.get("build").get("time").stringValue())).isBefore(Instant.now());
        // The short id, as `git rev-parse --short HEAD` prints it, of the commit the build was made from.
        String commit = answer.get("git").get("commit").get("id").stringValue();
        assertThat(commit).matches("[0-9a-f]{7,}").isEqualTo(git.getProperty("git.commit.id.abbrev"));
        assertThat(git.getProperty("git.commit.id")).startsWith(commit);
        assertThat(anonymous().get("/actuator/info").status()).isEqualTo(401);
    }

    /** A file the build wrote into the service's classes. */
    private static Properties properties(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = OperationsIntegrationTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("%s, written by the build", resource).isNotNull();
            properties.load(in);
        }
        return properties;
    }

    @Test
    void the_openapi_document_describes_the_storage_api_and_its_ui_is_served() {
        LedgerClient.Response document = anonymous().get("/v3/api-docs");
        LedgerClient.Response ui = anonymous().get("/swagger-ui/index.html");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("paths").propertyNames()).contains("/customers/{customer}/storage",
                "/customers/{customer}/spaces/{space}/storage", "/customers/{customer}/spaces/{space}/images/{asset}/storage",
                "/customers/{customer}/storageRecords", "/storagePolicies", "/storagePolicies/{policy}");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void prometheus_counts_writes_accepted_and_refused_for_a_limit() {
        LedgerClient admin = admin();
        int customer = newCustomerId();
        given.policy("one-image", 1, 100);
        given.customer(customer, "one-image");
        given.space(customer, 0);
        double acceptedBefore = counter(admin, "ledger_writes_total{operation=\"record\",outcome=\"accepted\"}");
        double refusedBefore = counter(admin, "ledger_writes_total{operation=\"record\",outcome=\"refused\"}");

        assertThat(admin.put("/customers/" + customer + "/spaces/0/images/first", object("size", 1)).status()).isEqualTo(201);
        assertThat(admin.put("/customers/" + customer + "/spaces/0/images/second", object("size", 1)).status()).isEqualTo(507);

        assertThat(counter(admin, "ledger_writes_total{operation=\"record\",outcome=\"accepted\"}")).isEqualTo(acceptedBefore + 1);
        assertThat(counter(admin, "ledger_writes_total{operation=\"record\",outcome=\"refused\"}")).isEqualTo(refusedBefore + 1);
        assertThat(counter(admin, "ledger_limit_refusals_total{limit=\"number_of_images\",scope=\"customer\"}")).isGreaterThanOrEqualTo(1);
    }

    private static double counter(LedgerClient admin, String series) {
        return admin.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst().orElse(0);
    }
}
