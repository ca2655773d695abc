package dev.storageledger.web;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.Json;
import dev.storageledger.support.LedgerClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What plain HTTP clients and JSON-LD clients expect of the protocol: HEAD answered as GET is, and JSON-LD's own
 * media type, application/ld+json, read in request bodies and answered when asked for.
 */
class MediaTypesIntegrationTest extends IntegrationTest {

    private static final String JSON_LD = "application/ld+json";

    @Test
    void head_of_every_anonymous_read_answers_as_its_get_without_a_body() {
        for (String path : List.of("/contexts/Customer.jsonld", "/.well-known/jwks.json", "/actuator/health", "/v3/api-docs",
                "/storagePolicies", "/storagePolicies/default", "/storagePolicies/never-made")) {
            LedgerClient.Response get = anonymous().get(path);
            LedgerClient.Response head = anonymous().send("HEAD", path, null, null);

            assertThat(get.status()).as("GET %s", path).isIn(200, 404);
            assertThat(head.status()).as("HEAD %s", path).isEqualTo(get.status());
            assertThat(head.contentType()).as("HEAD %s", path).isEqualTo(get.contentType());
            assertThat(head.header("Content-Length")).as("HEAD %s", path).isEqualTo(get.header("Content-Length"));
            assertThat(head.body()).as("HEAD %s", path).isEmpty();
        }
    }

    @Test
    void head_of_a_read_that_needs_a_key_answers_as_its_get() {
        int customer = newCustomerId();
        given.customer(customer);
        String path = "/customers/" + customer;

        LedgerClient.Response anonymousHead = anonymous().send("HEAD", path, null, null);
        LedgerClient.Response adminHead = admin().send("HEAD", path, null, null);
        LedgerClient.Response missing = admin().send("HEAD", "/customers/" + newCustomerId(), null, null);

        assertThat(anonymousHead.status()).isEqualTo(anonymous().get(path).status()).isEqualTo(401);
        assertThat(anonymousHead.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(adminHead.status()).isEqualTo(200);
        assertThat(adminHead.contentType()).isEqualTo(admin().get(path).contentType());
        assertThat(adminHead.body()).isEmpty();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
    }

    @Test
    void request_bodies_of_type_ld_json_are_read_as_json_bodies_are() {
        LedgerClient admin = admin();
        int customer = newCustomerId();
        String policy = "ld-json-" + customer;

        LedgerClient.Response policyPut = admin.send("PUT", "/storagePolicies/" + policy,
                Json.text(object("maximumNumberOfStoredImages", 5, "maximumTotalSizeOfStoredImages", 1000)), JSON_LD);
        LedgerClient.Response customerPut = admin.send("PUT", "/customers/" + customer,
                Json.text(object("name", "JSON-LD", "storagePolicy", policy)), JSON_LD);
        LedgerClient.Response spacePut = admin.send("PUT", "/customers/" + customer + "/spaces/1",
                Json.text(object("name", "one")), JSON_LD + "; charset=utf-8");
        LedgerClient.Response recordPut = admin.send("PUT", "/customers/" + customer + "/spaces/1/images/a",
                Json.text(object("size", 10)), JSON_LD);
        LedgerClient.Response batch = admin.send("POST", "/customers/" + customer + "/storageRecords",
                Json.text(object("records", List.of(object("space", 1, "asset", "b", "size", 20)))), JSON_LD);

        assertThat(List.of(policyPut, customerPut, spacePut, recordPut)).extracting(LedgerClient.Response::status)
                .containsExactly(201, 201, 201, 201);
        assertThat(batch.status()).isEqualTo(200);
        assertThat(admin.get("/customers/" + customer + "/storage").json().get("totalSizeOfStoredImages").asLong()).isEqualTo(30);
    }

    @Test
    void a_body_of_another_type_is_still_refused_with_415() {
        LedgerClient.Response refused = admin().send("PUT", "/customers/" + newCustomerId(), "name=x", "text/plain");

        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_client_that_asks_for_ld_json_is_answered_with_it_and_others_with_json() {
        LedgerClient admin = admin();
        int customer = newCustomerId();
        given.customer(customer);
        String path = "/customers/" + customer + "/storage";

        LedgerClient.Response asked = admin.send("GET", path, null, null, "Accept: " + JSON_LD);
        LedgerClient.Response preferred = admin.send("GET", path, null, null, "Accept: application/json;q=0.5, " + JSON_LD);
        LedgerClient.Response plain = admin.get(path);
        LedgerClient.Response jsonPreferred = admin.send("GET", path, null, null, "Accept: application/json, " + JSON_LD + ";q=0.5");
        LedgerClient.Response written = admin.send("PUT", "/customers/" + customer + "/spaces/1",
                Json.text(object("name", "one")), JSON_LD, "Accept: " + JSON_LD);
        LedgerClient.Response policies = anonymous().send("GET", "/storagePolicies", null, null, "Accept: " + JSON_LD);

        assertThat(asked.contentType()).startsWith(JSON_LD);
        assertThat(asked.json().get("@id").stringValue()).endsWith(path);
        assertThat(preferred.contentType()).startsWith(JSON_LD);
        assertThat(plain.contentType()).startsWith("application/json");
        assertThat(jsonPreferred.contentType()).startsWith("application/json");
        assertThat(written.status()).isEqualTo(201);
        assertThat(written.contentType()).startsWith(JSON_LD);
        assertThat(policies.contentType()).startsWith(JSON_LD);
    }

    @Test
    void errors_stay_problem_json_when_ld_json_is_asked_for() {
        LedgerClient.Response missing = admin().send("GET", "/customers/" + newCustomerId(), null, null, "Accept: " + JSON_LD);
        LedgerClient.Response invalid = admin().send("PUT", "/customers/" + newCustomerId(), "{\"name\": 7", JSON_LD,
                "Accept: " + JSON_LD);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
    }

    @Test
    void cloudreves_surface_stays_plain_json_when_ld_json_is_asked_for() {
        int customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "carol", object("password", "correct horse 12", "roles", List.of("originator"), "quota", 1000));
        String token = login(Given.email(customer, "carol"), "correct horse 12").get("access_token").stringValue();

        LedgerClient.Response capacity = bearer(token).send("GET", "/api/v4/user/capacity", null, null, "Accept: " + JSON_LD);

        assertThat(capacity.status()).isEqualTo(200);
        assertThat(capacity.contentType()).startsWith("application/json");
        assertThat(capacity.json().get("data").get("total").asLong()).isEqualTo(1000);
    }
}
