package dev.storageledger.web.openapi;

import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PatchMapping;

/**
 * The OpenAPI document at /v3/api-docs: springdoc finds the operations and the response bodies in the controllers'
 * mappings; the {@link OperationDocumentation} beside each mapping adds what they cannot say (ids, tags, summaries, who
 * may call, the request bodies' schemas, every answer), and this turns it into the document, so that how an answer,
 * a caller's security or a failure is described is written once here. A mapping without it is left bare, and the
 * document's tests fail on it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    @Bean
    OpenAPI storageLedgerApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties != null ? properties.getVersion() : ApiDocumentation.class.getPackage().getImplementationVersion();
        List<Tag> tags = Arrays.stream(OperationDocumentation.Tag.values())
                .map(tag -> new Tag().name(tag.label()).description(tag.description())).toList();
        return new OpenAPI()
                .info(new Info().title("Storage Ledger").version(version == null ? "development" : version)
                        .description("An exact, live ledger of the storage used by every customer, space, asset and user of "
                                + "a storage platform: the DLCS CustomerStorage, ImageStorage and StoragePolicy API, "
                                + "Cloudreve's user capacity and Cocoon Data's organisation storage statistics. Ids in paths: "
                                + "customer 1..2147483647, space 0..2147483647, other ids 1 to 200 characters of "
                                + "A-Z a-z 0-9 . _ ~ -. Sizes and counts are integers 0..9223372036854775807. Unknown fields, "
                                + "a field named twice, NUL characters and lone surrogates in texts are refused with 400 "
                                + "naming the field."))
                .servers(List.of(new Server().url("http://localhost:8080").description("The service started with its defaults")))
                .tags(tags)
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A key and its secret: the administrator's (LEDGER_ADMIN_KEY, "
                                        + "LEDGER_ADMIN_SECRET) or one of a customer's keys (POST /customers/{customer}/keys)."))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT")
                                .description("A user's access token: from POST /api/v4/session/token (RS256, typ at+jwt), "
                                        + "or from the configured external issuer.")));
    }

    /** Documents each operation from its mapping's {@link OperationDocumentation}, once springdoc has inferred its answers. */
    @Bean
    OperationCustomizer storageLedgerOperations() {
        return (operation, handler) -> {
            OperationDocumentation documented = handler.getMethodAnnotation(OperationDocumentation.class);
            if (documented != null) {
                document(operation, documented, handler.hasMethodAnnotation(PatchMapping.class));
            }
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer storageLedgerSchemas() {
        return ApiDocumentation::completeSchemas;
    }

    /** Adds the schemas the operations refer to, describes the responses' and drops those nothing refers to. */
    static void completeSchemas(OpenAPI api) {
        Components components = api.getComponents();
        Schemas.requests().forEach(components::addSchemas);
        components.addSchemas(Schemas.PROBLEM, Schemas.problem());
        ResponseSchemas.describe(components.getSchemas(), Schemas.requests().keySet());
        removeUnreferenced(api);
    }

    private static void document(io.swagger.v3.oas.models.Operation operation, OperationDocumentation documented,
            boolean mergePatch) {
        operation.operationId(documented.id()).tags(List.of(documented.tag().label())).summary(documented.summary())
                .description(documented.description());
        operation.security(switch (documented.caller()) {
            case ANYONE -> List.of(new SecurityRequirement());
            case ADMINISTRATOR, CUSTOMER_KEY -> List.of(new SecurityRequirement().addList(BASIC));
            case CUSTOMER_READER -> List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(BEARER));
            case USER -> List.of(new SecurityRequirement().addList(BEARER));
        });
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(ApiDocumentation::describe);
        }
        if (!documented.body().isEmpty()) {
            Content content = new Content();
            if (mergePatch) {
                content.addMediaType("application/merge-patch+json", new MediaType().schema(Schemas.reference(documented.body())));
            }
            operation.requestBody(new RequestBody().required(documented.bodyRequired())
                    .content(content.addMediaType(JSON, new MediaType().schema(Schemas.reference(documented.body())))));
        } else {
            operation.requestBody(null);
        }
        Schema<?> body = successBody(operation);
        String media = JSON;
        if (documented.id().equals("getContext")) {
            media = "application/ld+json";
            body = new ObjectSchema().description("A JSON-LD context: @context maps every term to an IRI.");
        } else if (documented.id().equals("getJwks")) {
            body = new ObjectSchema().description("A JWK Set (RFC 7517): the public halves of the signing keys, each with its kid.")
                    .addProperty("keys", new ArraySchema().items(new ObjectSchema().description("A JWK (RFC 7517)")))
                    .required(List.of("keys"));
        }
        ApiResponses responses = new ApiResponses();
        for (int status : documented.success()) {
            ApiResponse response = new ApiResponse().description(successDescription(status));
            if (status != 204 && body != null) {
                response.content(new Content().addMediaType(media, new MediaType().schema(body)));
            }
            responses.addApiResponse(Integer.toString(status), response);
        }
        for (int status : documented.failures()) {
            responses.addApiResponse(Integer.toString(status), failure(status, documented.caller()));
        }
        operation.responses(responses);
    }

    /** The schema springdoc inferred from the controller's return type, if any. */
    private static Schema<?> successBody(io.swagger.v3.oas.models.Operation operation) {
        if (operation.getResponses() == null) {
            return null;
        }
        for (ApiResponse response : operation.getResponses().values()) {
            if (response.getContent() != null) {
                for (MediaType media : response.getContent().values()) {
                    if (media.getSchema() != null) {
                        return media.getSchema();
                    }
                }
            }
        }
        return null;
    }

    private static String successDescription(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted: the job to poll, also at the Location header";
            case 204 -> "Done; no body";
            default -> throw new IllegalArgumentException("not a success status: " + status);
        };
    }

    private static ApiResponse failure(int status, Caller caller) {
        String description = switch (status) {
            case 400 -> "Bad request: a path id, a query parameter or a body that is not valid (the detail names each "
                    + "field), or a query string that is not percent-encoded UTF-8";
            case 401 -> caller == Caller.USER ? "No valid bearer access token"
                    : caller == Caller.CUSTOMER_READER ? "No valid HTTP Basic key and secret, nor a valid bearer access token"
                    : "No valid HTTP Basic key and secret";
            case 403 -> caller == Caller.USER ? "The token's user may not read this"
                    : caller == Caller.CUSTOMER_READER ? "Another customer's key, or a user who is not an organisation "
                            + "administrator of this customer"
                    : "The key may not do this: another customer's key, or a customer's key where only the administrator may";
            case 404 -> "Not found: the detail names what does not exist";
            case 409 -> "Conflict with what is stored: the detail says what";
            case 415 -> "The body is not application/json";
            case 429 -> "Too many failed authentications from this address, or too many jobs of this customer: retry after "
                    + "Retry-After";
            case 503 -> "The database cannot be reached or is not ready: retry after Retry-After; the detail says whether "
                    + "anything may have been applied";
            case 507 -> "Storage limit exceeded: the write would pass a limit of the customer, the space or a user; the "
                    + "detail names the limit, its maximum and the figure the write would reach. Nothing was applied";
            default -> throw new IllegalArgumentException("not a documented failure: " + status);
        };
        ApiResponse response = new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(Schemas.reference(Schemas.PROBLEM))));
        if (status == 429 || status == 503) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                    .schema(new IntegerSchema()));
        }
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate", new Header().description("The challenge: "
                    + (caller == Caller.USER ? "Bearer" : "Basic") + " realm=\"storage-ledger\"").schema(new StringSchema()));
        }
        return response;
    }

    /** Path and query parameters as api.md "Conventions" defines them (the controllers take them as strings). */
    private static void describe(Parameter parameter) {
        switch (parameter.getName()) {
            case "customer", "orgGroupId" -> parameter.schema(new IntegerSchema().format("int32").minimum(BigDecimal.ONE)
                    .maximum(BigDecimal.valueOf(Integer.MAX_VALUE))).description("The customer's id" +
                    ("orgGroupId".equals(parameter.getName()) ? " (Cocoon's organisation)" : "")).example(7);
            case "space" -> parameter.schema(Schemas.spaceId(null)).description("The space's id (within its customer)").example(1);
            case "page" -> parameter.schema(new IntegerSchema().format("int32").minimum(BigDecimal.ONE)._default(1))
                    .description("The page, from 1");
            case "pageSize" -> parameter.schema(new IntegerSchema().format("int32").minimum(BigDecimal.ONE)
                    .maximum(BigDecimal.valueOf(1000))._default(100)).description("Members per page, at most 1000");
            case "orderBy" -> parameter.schema(new StringSchema()._enum(List.of("usage")))
                    .description("usage: by the fraction of the tightest limit taken (stored and reserved), highest first; "
                            + "left out: by id");
            case "state" -> parameter.schema(new StringSchema()._enum(List.of("normal", "nearing", "critical", "exceeded")))
                    .description("Only the members in this quota state");
            case "file" -> parameter.schema(new StringSchema().pattern("^[A-Za-z]+\\.jsonld$"))
                    .description("A context's file name, e.g. CustomerStorage.jsonld").example("CustomerStorage.jsonld");
            default -> parameter.schema(new StringSchema().pattern(Schemas.ID_PATTERN).minLength(1).maxLength(200))
                    .description("The " + parameter.getName() + "'s id: 1 to 200 characters of A-Z a-z 0-9 . _ ~ -");
        }
    }

    /** Drops the component schemas nothing refers to any more (the JSON trees the controllers read bodies as). */
    @SuppressWarnings("rawtypes")
    private static void removeUnreferenced(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        boolean removed = true;
        while (removed) {
            Set<String> referenced = new HashSet<>();
            collectReferences(Json.mapper().valueToTree(api), referenced);
            List<String> unreferenced = new ArrayList<>(schemas.keySet());
            unreferenced.removeIf(name -> referenced.contains("#/components/schemas/" + name));
            unreferenced.forEach(schemas::remove);
            removed = !unreferenced.isEmpty();
        }
        api.getComponents().setSchemas(new TreeMap<>(schemas));
    }

    private static void collectReferences(com.fasterxml.jackson.databind.JsonNode node, Set<String> references) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                references.add(ref.asText());
            }
        }
        node.forEach(child -> collectReferences(child, references));
    }
}
