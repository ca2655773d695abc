package dev.storageledger.web;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON-LD response names a "@context" that the service serves, and that context defines every property the
 * response has, so a JSON-LD processor that expands the response keeps them all.
 */
class JsonLdIntegrationTest extends IntegrationTest {

    @Test
    void every_property_of_every_resource_is_a_term_of_the_context_it_names() {
        LedgerClient admin = admin();
        int customer = newCustomerId();
        given.policy("json-ld", 5, 5);
        List<JsonNode> responses = new ArrayList<>();
        responses.add(given.customer(customer).json());
        responses.add(given.space(customer, 1, "json-ld").json());
        responses.add(given.asset(customer, 1, "a", object("size", 1)).json());
        responses.add(admin.get("/customers/" + customer + "/storage").json());
        responses.add(admin.get("/customers/" + customer + "/spaces/1/storage").json());
        responses.add(admin.get("/storagePolicies?pageSize=1&page=2").json());
        responses.add(admin.post("/customers/" + customer + "/keys", null).json());
        responses.add(admin.get("/customers/" + customer + "/keys").json());
        responses.add(admin.get("/customers/" + customer + "/spaces/1/images/missing/storage").json());
        responses.add(given.plan("json-ld", 5).json());
        responses.add(admin.get("/plans").json());
        responses.add(given.user(customer, "u", object("roles", List.of("originator"), "plan", "json-ld", "quota", 7)).json());
        responses.add(given.pack(customer, "u", "p", 1, Instant.parse("2100-01-01T00:00:00Z")).json());
        responses.add(admin.get("/customers/" + customer + "/users/u/storagePacks").json());
        responses.add(admin.post("/customers/" + customer + "/reservations", object("space", 1, "owner", "u", "size", 1)).json());
        responses.add(admin.get("/customers/" + customer).json());
        responses.add(admin.get("/customers/" + customer + "/users/u").json());
        responses.add(admin.post("/customers/" + customer + "/webhooks",
                object("url", "http://127.0.0.1:9/hook", "events", List.of("drift.found"), "description", "d")).json());
        responses.add(admin.get("/customers/" + customer + "/webhooks").json());
        responses.add(admin.get("/customers?orderBy=usage&pageSize=5").json());
        responses.add(admin.get("/customers/" + customer + "/spaces").json());
        responses.add(admin.get("/customers/" + customer + "/users?orderBy=usage").json());
        responses.add(admin.get("/customers/" + customer + "/reservations").json());
        admin.post("/customers/" + customer + "/storage/recalculations", null);
        responses.add(admin.get("/customers/" + customer + "/jobs").json());
        responses.add(anonymous().get("/").json());
        responses.add(admin.get("/customers/" + customer + "/spaces/1/images/a").json());
        responses.add(admin.get("/customers/" + customer + "/spaces/1/images").json());
        responses.add(admin.send("PATCH", "/customers/" + customer, "{\"displayName\": \"JSON-LD\"}", "application/merge-patch+json").json());
        responses.add(admin.send("PATCH", "/customers/" + customer + "/spaces/1", "{\"name\": \"linked\"}", "application/json").json());

        for (JsonNode response : responses) {
            String contextUrl = response.get("@context").stringValue();
            LedgerClient.Response context = anonymous().get(contextUrl.substring(contextUrl.indexOf("/contexts/")));
            assertThat(context.status()).as(contextUrl).isEqualTo(200);
            assertThat(context.contentType()).startsWith("application/ld+json");
            JsonNode terms = JsonMapper.builder().build().readTree(context.body()).get("@context");

            Set<String> properties = new TreeSet<>();
            collectProperties(response, properties);
            assertThat(properties).as("the properties of %s", response.get("@type"))
                    .allSatisfy(property -> assertThat(terms.has(property)).as(property + " in " + contextUrl).isTrue());
            String type = response.get("@type").stringValue();
            assertThat(type.startsWith("vocab:") ? terms.has("vocab") : terms.has(type)).as(type).isTrue();
        }
    }

    @Test
    void an_unknown_context_is_not_found() {
        assertThat(anonymous().get("/contexts/Nothing.jsonld").status()).isEqualTo(404);
    }

    private static void collectProperties(JsonNode node, Set<String> properties) {
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                if (!name.startsWith("@")) {
                    properties.add(name);
                }
                collectProperties(node.get(name), properties);
            }
        } else if (node.isArray()) {
            node.values().forEach(element -> collectProperties(element, properties));
        }
    }
}
