package dev.storageledger.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document: its shape is good enough to generate clients from, it is public in JSON and YAML, and it is
 * the document committed in src/test/resources/openapi, from which the build generates the tests' Java client.
 */
class OpenApiDocumentIntegrationTest extends IntegrationTest {

    /** The committed document; {@code -Dopenapi.refresh=true} rewrites it from the live one. */
    static final Path COMMITTED = Path.of("src", "test", "resources", "openapi", "storage-ledger.json");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Test
    void the_document_types_every_body_names_every_callers_security_and_answers_errors_as_problems() {
        JsonNode document = live();

        assertThat(DocumentShape.problems(document)).isEmpty();
        assertThat(operations(document)).as("the operations served: the controllers' mappings")
                .containsExactlyInAnyOrderElementsOf(ControllerMappings.all().keySet());
        assertThat(document.path("info").path("title").asString()).isEqualTo("Storage Ledger");
        assertThat(document.path("info").path("version").asString()).isNotBlank();
        assertThat(document.path("components").path("securitySchemes").path("basic").path("scheme").asString()).isEqualTo("basic");
        assertThat(document.path("components").path("securitySchemes").path("bearer").path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(document.path("components").path("schemas").propertyNames()).doesNotContain("JsonNode");
    }

    /**
     * Every operation, called without credentials, (by the administrator) with a body that is not JSON and with a
     * malformed customer or space id, answers a problem whose status the document lists for it.
     */
    @Test
    void each_operation_answers_refusals_that_its_documentation_lists() {
        JsonNode document = live();
        List<String> undocumented = new ArrayList<>();
        int probed = 0;
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode operation = method.getValue();
                if (operation.path("tags").path(0).asString().equals("Cloudreve")) {
                    continue;
                }
                String verb = method.getKey().toUpperCase(Locale.ROOT);
                String body = operation.has("requestBody") ? "{}" : null;
                String target = path.getKey().replace("{customer}", "999999999").replace("{orgGroupId}", "999999999")
                        .replace("{space}", "0").replace("{file}", "Nothing.jsonld").replaceAll("\\{[a-z]+\\}", "x");
                boolean anonymous = operation.path("security").path(0).isEmpty();
                probed++;
                LedgerClient.Response refused = anonymous().send(verb, target, body, body == null ? null : "application/json");
                if (!anonymous) {
                    expect(verb + " " + target + " without credentials", refused, 401, operation, undocumented);
                }
                if (body != null) {
                    LedgerClient.Response unsupported = admin().send(verb, target, "size=1", "text/plain");
                    expect(verb + " " + target + " with a text/plain body", unsupported, 415, operation, undocumented);
                }
                if (path.getKey().contains("{customer}") || path.getKey().contains("{space}")) {
                    String malformed = path.getKey().contains("{customer}") ? target.replace("999999999", "x")
                            : target.replace("/spaces/0", "/spaces/-1");
                    LedgerClient.Response invalid = admin().send(verb, malformed, body, body == null ? null : "application/json");
                    expect(verb + " " + malformed + " by the administrator", invalid, 400, operation, undocumented);
                }
            }
        }
        assertThat(probed).isGreaterThan(30);
        assertThat(undocumented).isEmpty();
    }

    private static void expect(String call, LedgerClient.Response response, int status, JsonNode operation, List<String> problems) {
        if (response.status() != status) {
            problems.add(call + ": answered " + response.status() + ", not " + status + ": " + response.body());
        } else if (!operation.path("responses").has(Integer.toString(status))) {
            problems.add(call + ": answered " + status + ", which its documentation does not list");
        } else if (response.contentType() == null || !response.contentType().startsWith("application/problem+json")) {
            problems.add(call + ": answered " + status + " as " + response.contentType() + ", not a problem");
        }
    }

    @Test
    void the_yaml_document_is_as_public_as_the_json_one() {
        LedgerClient.Response json = anonymous().get("/v3/api-docs");
        LedgerClient.Response yaml = anonymous().get("/v3/api-docs.yaml");

        assertThat(json.status()).isEqualTo(200);
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.body()).contains("title: Storage Ledger").contains("operationId: putStorageRecord");
    }

    @Test
    void the_live_document_is_the_committed_one_the_client_is_generated_from() throws IOException {
        JsonNode live = live();
        String pretty = JSON.writeValueAsString(live) + "\n";
        if (Boolean.getBoolean("openapi.refresh")) {
            Files.writeString(COMMITTED, pretty, StandardCharsets.UTF_8);
        }

        JsonNode committed = JSON.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));

        assertThat(withoutVersion(live))
                .as("the live /v3/api-docs differs from %s: run `./mvnw -B test -Dtest=OpenApiDocumentIntegrationTest "
                        + "-Dopenapi.refresh=true` to rewrite it, review the difference and commit it", COMMITTED)
                .isEqualTo(withoutVersion(committed));
    }

    private static List<String> operations(JsonNode document) {
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            path.getValue().propertyNames().forEach(method -> operations.add(ControllerMappings.key(method, path.getKey())));
        }
        return operations;
    }

    private JsonNode live() {
        LedgerClient.Response document = anonymous().get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        return document.json();
    }

    /** The version is the build's: a new version is not a new document. */
    private static JsonNode withoutVersion(JsonNode document) {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        ((ObjectNode) copy.get("info")).remove("version");
        return copy;
    }
}
