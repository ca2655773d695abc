package dev.storageledger.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DocumentShapeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Two operations as springdoc documented them before the ledger described its operations itself. */
    private static final String BARE = """
            {"openapi": "3.1.0", "info": {"title": "OpenAPI definition", "version": "v0"},
             "paths": {
               "/customers/{customer}": {"put": {"tags": ["customer-controller"], "operationId": "put_2",
                 "parameters": [{"name": "customer", "in": "path", "required": true, "schema": {"type": "string"}}],
                 "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/JsonNode"}}},
                                 "required": true},
                 "responses": {"200": {"description": "OK", "content": {"*/*": {"schema": {"$ref": "#/components/schemas/CustomerResource"}}}}}}},
               "/api/v4/session/token": {"post": {"tags": ["cloudreve-controller"], "operationId": "login",
                 "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}, "required": true},
                 "responses": {"200": {"description": "OK", "content": {"*/*": {"schema": {"type": "object"}}}}}}}},
             "components": {"schemas": {
               "JsonNode": {"type": "object", "properties": {"nodeType": {"type": "string"}, "array": {"type": "boolean"}}},
               "CustomerResource": {"type": "object", "properties": {"name": {"type": "string"}},
                                    "example": "{name=Example Library}"}}}}
            """;

    @Test
    void a_document_of_json_trees_answered_only_200_with_no_security_has_every_problem_named() {
        assertThat(DocumentShape.problems(JSON.readTree(BARE))).containsExactlyInAnyOrder(
                "PUT /customers/{customer}: operationId 'put_2' is not an explicit camelCase id",
                "PUT /customers/{customer}: has no summary",
                "PUT /customers/{customer}: its application/json request body is a JsonNode",
                "PUT /customers/{customer}: names no security (an anonymous operation says so with an empty requirement)",
                "PUT /customers/{customer}: answer 200 has the media type */*",
                "PUT /customers/{customer}: documents no 4xx answer with the problem schema",
                "POST /api/v4/session/token: has no summary",
                "POST /api/v4/session/token: its application/json request body is a bare object (no $ref with properties)",
                "POST /api/v4/session/token: names no security (an anonymous operation says so with an empty requirement)",
                "POST /api/v4/session/token: answer 200 has the media type */*",
                "POST /api/v4/session/token: documents no 4xx answer with the problem schema",
                "schema CustomerResource: its example is not a JSON object");
    }

    @Test
    void the_committed_document_has_none_of_those_problems() throws IOException {
        JsonNode committed = JSON.readTree(Files.readString(OpenApiDocumentIntegrationTest.COMMITTED, StandardCharsets.UTF_8));

        assertThat(DocumentShape.problems(committed)).isEmpty();
    }
}
