package dev.storageledger.web;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.Json;
import dev.storageledger.support.LedgerClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database refuses a statement and the answer says what happened. The refusals a service expects (a foreign key
 * broken by a concurrent delete) are made to happen with a trigger that does that delete inside the request's own
 * statement; the others (a constraint the service does not know, as an operator might add) with a CHECK constraint
 * that refuses one name. Each trigger and constraint refuses only this test's names, and is dropped after it.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseRefusalIntegrationTest extends IntegrationTest {

    private static final Pattern CORRELATION_ID = Pattern.compile("correlation id ([0-9a-f-]{36})");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<String> cleanUp = new ArrayList<>();

    @AfterEach
    void dropTheTriggersAndConstraints() {
        cleanUp.reversed().forEach(statement -> jdbc.sql(statement).update());
    }

    @Test
    void a_plan_deleted_while_a_user_is_saved_is_a_conflict_that_names_the_plan() {
        int customer = newCustomerId();
        given.customer(customer);
        given.plan("vanishing-" + customer, 10);
        deleteInsideTheStatement("user_account", "NEW.name = 'race-" + customer + "'", "DELETE FROM plan WHERE id = NEW.plan");

        LedgerClient.Response answer = admin().put("/customers/" + customer + "/users/racer",
                object("name", "race-" + customer, "email", "racer-" + customer + "@example.com", "plan", "vanishing-" + customer));

        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.json().get("detail").stringValue()).isEqualTo("The plan 'vanishing-" + customer + "' was deleted while this request ran");
    }

    @Test
    void a_user_deleted_while_a_pack_is_added_is_not_found() {
        int customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "leaving");
        deleteInsideTheStatement("storage_pack", "NEW.name = 'race-" + customer + "'",
                "DELETE FROM user_account WHERE customer = NEW.customer AND id = NEW.user_id");

        LedgerClient.Response answer = admin().post("/customers/" + customer + "/users/leaving/storagePacks",
                object("name", "race-" + customer, "size", 1, "expiresAt", "2100-01-01T00:00:00Z"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.json().get("detail").stringValue()).isEqualTo("There is no user 'leaving' of customer " + customer);
    }

    @Test
    void a_policy_deleted_while_a_customer_or_a_space_is_saved_is_a_conflict_that_names_the_policy() {
        int customer = newCustomerId();
        given.customer(customer);
        given.policy("vanishing-" + customer, 10, 10);
        given.policy("vanishing-space-" + customer, 10, 10);
        deleteInsideTheStatement("customer", "NEW.name = 'race-" + customer + "'", "DELETE FROM storage_policy WHERE id = NEW.storage_policy");
        deleteInsideTheStatement("space", "NEW.name = 'race-" + customer + "'", "DELETE FROM storage_policy WHERE id = NEW.storage_policy");

        LedgerClient.Response customerAnswer = admin().put("/customers/" + customer,
                object("name", "race-" + customer, "storagePolicy", "vanishing-" + customer));
        LedgerClient.Response spaceAnswer = admin().put("/customers/" + customer + "/spaces/1",
                object("name", "race-" + customer, "storagePolicy", "vanishing-space-" + customer));

        assertThat(customerAnswer.status()).as(customerAnswer.body()).isEqualTo(409);
        assertThat(customerAnswer.json().get("detail").stringValue())
                .isEqualTo("The storage policy 'vanishing-" + customer + "' was deleted while this request ran");
        assertThat(spaceAnswer.status()).as(spaceAnswer.body()).isEqualTo(409);
        assertThat(spaceAnswer.json().get("detail").stringValue())
                .isEqualTo("The storage policy 'vanishing-space-" + customer + "' was deleted while this request ran");
    }

    @Test
    void any_other_refusal_is_a_500_with_a_correlation_id_and_one_log_line_without_a_stack_trace(CapturedOutput log) {
        int customer = newCustomerId();
        String refused = "refused-" + customer;
        given.customer(customer);
        given.space(customer, 1);
        given.plan("plan-" + customer, 10);
        given.user(customer, "holder");
        for (String table : List.of("customer", "space", "plan", "user_account", "storage_pack")) {
            String constraint = "test_refuses_" + table + "_" + customer;
            jdbc.sql("ALTER TABLE " + table + " ADD CONSTRAINT " + constraint + " CHECK (name <> '" + refused + "') NOT VALID").update();
            cleanUp.add("ALTER TABLE " + table + " DROP CONSTRAINT " + constraint);
        }
        String users = "/customers/" + customer + "/users/";

        List<JsonNode> problems = List.of(
                serverError("PUT", "/customers/" + customer, object("name", refused)),
                serverError("PUT", "/customers/" + customer + "/spaces/1", object("name", refused)),
                serverError("PUT", "/plans/plan-" + customer, object("name", refused, "capacity", 1)),
                serverError("PUT", users + "holder", object("name", refused, "email", "holder-" + customer + "@example.com",
                        "plan", "plan-" + customer)),
                serverError("POST", users + "holder/storagePacks", object("name", refused, "size", 1, "expiresAt", "2100-01-01T00:00:00Z")));

        for (JsonNode problem : problems) {
            assertThat(problem.get("status").asInt()).isEqualTo(500);
            assertThat(problem.get("title").stringValue()).isEqualTo("Internal Server Error");
            Matcher correlation = CORRELATION_ID.matcher(problem.get("detail").stringValue());
            assertThat(correlation.find()).as(problem.toString()).isTrue();
            List<String> lines = log.getAll().lines().filter(line -> line.contains(correlation.group(1))).toList();
            assertThat(lines).as("the log lines of %s", correlation.group(1)).hasSize(1);
            assertThat(lines.getFirst()).contains(" ERROR ", "SQLState 23514", "constraint test_refuses_");
        }
        assertThat(log.getAll()).doesNotContain("\tat ", refused + "@");
        assertThat(admin().get("/customers/" + customer + "/users/holder").json().get("name").stringValue()).isNotEqualTo(refused);
    }

    @Test
    void a_failure_of_the_database_in_the_security_filters_is_a_500_with_a_correlation_id_and_one_log_line(CapturedOutput log) {
        int customer = newCustomerId();
        given.customer(customer);
        jdbc.sql("ALTER TABLE api_key RENAME TO api_key_moved_by_a_test").update();
        cleanUp.add("ALTER TABLE api_key_moved_by_a_test RENAME TO api_key");

        JsonNode problem = serverError("GET", "/customers/" + customer + "/storage", null, "some-key:its-secret");

        Matcher correlation = CORRELATION_ID.matcher(problem.get("detail").stringValue());
        assertThat(correlation.find()).as(problem.toString()).isTrue();
        List<String> lines = log.getAll().lines().filter(line -> line.contains(correlation.group(1))).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).contains(" ERROR ", "GET /customers/" + customer + "/storage", "SQLState 42P01");
        assertThat(log.getAll()).doesNotContain("\tat ", "its-secret");
    }

    /** A trigger that, before a row of {@code table} matching {@code when} is written, runs {@code delete} in its statement. */
    private void deleteInsideTheStatement(String table, String when, String delete) {
        String name = "test_race_" + table + "_" + System.nanoTime();
        jdbc.sql("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " + delete + "; RETURN NEW; END $$").update();
        cleanUp.add("DROP FUNCTION " + name + "()");
        jdbc.sql("CREATE TRIGGER " + name + " BEFORE INSERT OR UPDATE ON " + table + " FOR EACH ROW WHEN (" + when + ") EXECUTE FUNCTION "
                + name + "()").update();
        cleanUp.add("DROP TRIGGER " + name + " ON " + table);
    }

    /** Sends a request as the administrator that must be answered 500 (which LedgerClient refuses), and answers its body. */
    private JsonNode serverError(String method, String path, JsonNode body) {
        return serverError(method, path, body, ADMIN_KEY + ":" + ADMIN_SECRET);
    }

    /** Sends a request with HTTP Basic {@code credentials} ("key:secret") that must be answered 500, and answers its body. */
    private JsonNode serverError(String method, String path, JsonNode body, String credentials) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.text(body)))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body()).isEqualTo(500);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).doesNotContain("Exception", "SQL", "INSERT", "SELECT", "23514", "42P01", "test_refuses_", "api_key");
            return JsonMapper.builder().build().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
