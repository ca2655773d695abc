package dev.storageledger.web.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What makes an OpenAPI document good enough to generate clients from, checked on its JSON: every problem found,
 * one line each, naming the operation.
 */
final class DocumentShape {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final String CLOUDREVE = "Cloudreve";

    private DocumentShape() {
    }

    static List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        JsonNode schemas = document.path("components").path("schemas");
        Set<String> schemeNames = new HashSet<>(document.path("components").path("securitySchemes").propertyNames());
        Set<String> operationIds = new HashSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                String name = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                JsonNode operation = method.getValue();
                String id = operation.path("operationId").asString("");
                if (!id.matches("[a-z][A-Za-z0-9]*") || id.matches(".*_\\d+$")) {
                    problems.add(name + ": operationId '" + id + "' is not an explicit camelCase id");
                } else if (!operationIds.add(id)) {
                    problems.add(name + ": operationId '" + id + "' is used twice");
                }
                if (operation.path("summary").asString("").isBlank()) {
                    problems.add(name + ": has no summary");
                }
                if (operation.path("tags").size() != 1) {
                    problems.add(name + ": names no single tag (surface)");
                }
                requestBody(name, operation.get("requestBody"), schemas, problems);
                security(name, operation.get("security"), schemeNames, problems);
                boolean cloudreve = operation.path("tags").path(0).asString("").equals(CLOUDREVE);
                responses(name, operation.path("responses"), schemas, cloudreve, problems);
            }
        }
        for (Map.Entry<String, JsonNode> schema : schemas.properties()) {
            JsonNode example = schema.getValue().get("example");
            if ("object".equals(schema.getValue().path("type").asString("")) && example != null && !example.isObject()) {
                problems.add("schema " + schema.getKey() + ": its example is not a JSON object");
            }
        }
        return problems;
    }

    private static void requestBody(String name, JsonNode body, JsonNode schemas, List<String> problems) {
        if (body == null) {
            return;
        }
        if (body.path("content").isEmpty()) {
            problems.add(name + ": its request body has no content");
        }
        for (Map.Entry<String, JsonNode> media : body.path("content").properties()) {
            JsonNode schema = resolve(media.getValue().path("schema"), schemas);
            String ref = media.getValue().path("schema").path("$ref").asString("");
            if (ref.endsWith("/JsonNode") || schema.path("properties").has("nodeType")) {
                problems.add(name + ": its " + media.getKey() + " request body is a JsonNode");
            } else if (schema.path("properties").isEmpty()) {
                problems.add(name + ": its " + media.getKey() + " request body is a bare object (no $ref with properties)");
            }
        }
    }

    private static void security(String name, JsonNode security, Set<String> schemeNames, List<String> problems) {
        if (security == null || !security.isArray() || security.isEmpty()) {
            problems.add(name + ": names no security (an anonymous operation says so with an empty requirement)");
            return;
        }
        for (JsonNode requirement : security) {
            for (String scheme : requirement.propertyNames()) {
                if (!schemeNames.contains(scheme)) {
                    problems.add(name + ": names the security scheme '" + scheme + "', which is not defined");
                }
            }
        }
    }

    private static void responses(String name, JsonNode responses, JsonNode schemas, boolean cloudreve, List<String> problems) {
        boolean problemAnswer = false;
        boolean success = false;
        for (Map.Entry<String, JsonNode> response : responses.properties()) {
            String status = response.getKey();
            JsonNode content = response.getValue().path("content");
            if (content.has("*/*")) {
                problems.add(name + ": answer " + status + " has the media type */*");
            }
            if (status.startsWith("2")) {
                success = true;
                if (cloudreve && !resolve(content.path("application/json").path("schema"), schemas).path("properties").has("code")) {
                    problems.add(name + ": answer " + status + " is not Cloudreve's envelope");
                }
            }
            if (status.startsWith("4") && PROBLEM.equals(content.path("application/problem+json").path("schema").path("$ref").asString(""))) {
                problemAnswer = true;
            }
        }
        if (!success) {
            problems.add(name + ": documents no success answer");
        }
        if (!cloudreve && !problemAnswer) {
            problems.add(name + ": documents no 4xx answer with the problem schema");
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        String ref = schema.path("$ref").asString("");
        return ref.startsWith("#/components/schemas/") ? schemas.path(ref.substring("#/components/schemas/".length())) : schema;
    }
}
