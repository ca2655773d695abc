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
        assertThat(operations(document)).as("the operations served, each documented by Operations")
                .containsExactlyInAnyOrderElementsOf(Operations.all().keySet());
        assertThat(document.path("info").path("title").asString()).isEqualTo("Storage Ledger");
        assertThat(document.path("info").path("version").asString()).isNotBlank();
        assertThat(document.path("components").path("securitySchemes").path("basic").path("scheme").asString()).isEqualTo("basic");
        assertThat(document.path("components").path("securitySchemes").path("bearer").path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(document.path("components").path("schemas").propertyNames()).doesNotContain("JsonNode");
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
            path.getValue().propertyNames().forEach(method -> operations.add(Operation.key(method, path.getKey())));
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
