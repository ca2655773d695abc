package dev.storageledger.web.openapi;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schemas of the request bodies, with the bounds that {@code JsonObject} enforces (api.md "Conventions"), and of
 * the error answers. Each body is closed (additionalProperties false): an unknown field is a 400.
 */
final class Schemas {

    static final String PROBLEM = "Problem";
    /** An asset, user, policy, plan, key, job or reservation id. */
    static final String ID_PATTERN = "^[A-Za-z0-9._~-]{1,200}$";
    static final String TEXT_NOTE = " Non-blank; no NUL character and no lone UTF-16 surrogate.";
    private static final int MAXIMUM_NAME_LENGTH = 500;
    private static final int MAXIMUM_EMAIL_LENGTH = 320;
    private static final int MAXIMUM_BATCH = 10_000;
    private static final long MAXIMUM_TTL_SECONDS = 7 * 24 * 3600;

    private Schemas() {
    }

    /** Every request body's schema, by component name. */
    static Map<String, Schema<?>> requests() {
        Map<String, Schema<?>> schemas = new LinkedHashMap<>();
        schemas.put("StoragePolicyRequest", object("A storage policy's maxima.",
                Map.of("maximumNumberOfStoredImages", 1000000000L, "maximumTotalSizeOfStoredImages", 1125899906842624L),
                List.of("maximumNumberOfStoredImages", "maximumTotalSizeOfStoredImages"),
                "maximumNumberOfStoredImages", size("The most assets a customer or space under this policy may hold."),
                "maximumTotalSizeOfStoredImages", size("The most bytes (thumbnails excluded) they may hold.")));
        schemas.put("CustomerRequest", object("A customer.", Map.of("name", "Example Library", "storagePolicy", "default"),
                List.of("name"),
                "name", text("The customer's name.", MAXIMUM_NAME_LENGTH),
                "displayName", text("How the customer is shown; left out: none.", MAXIMUM_NAME_LENGTH),
                "storagePolicy", id("The policy that governs the customer; left out: `default`.")));
        schemas.put("CustomerPatch", object("A JSON Merge Patch of a customer: only the fields named change.",
                Map.of("displayName", "The Example Library"), List.of(),
                "name", text("The customer's new name.", MAXIMUM_NAME_LENGTH),
                "displayName", text("How the customer is shown; null removes it.", MAXIMUM_NAME_LENGTH).nullable(true),
                "storagePolicy", id("The policy that now governs the customer (a customer always has one).")));
        schemas.put("SpacePatch", object("A JSON Merge Patch of a space: only the fields named change.",
                Map.of("name", "Manuscripts"), List.of(),
                "name", text("The space's new name.", MAXIMUM_NAME_LENGTH),
                "storagePolicy", id("The space's own policy; null removes it.").nullable(true)));
        schemas.put("SpaceRequest", object("A space of a customer.", example("name", "Manuscripts", "storagePolicy", null),
                List.of("name"),
                "name", text("The space's name.", MAXIMUM_NAME_LENGTH),
                "storagePolicy", id("The space's own policy, applied on top of its customer's; null or left out: none.")
                        .nullable(true)));
        schemas.put("StorageRecordRequest", object("An asset's storage, in absolute figures.",
                Map.of("size", 4082121L, "thumbnailSize", 115874L, "owner", "u1"), List.of("size"),
                "size", size("The asset's bytes, thumbnails excluded."),
                "thumbnailSize", size("Its thumbnails' bytes (default 0)."),
                "owner", id("The user of the customer who owns the asset (404 when there is none); null or left out: nobody.")
                        .nullable(true),
                "reservation", id("A live reservation of the customer that this record uses up.").nullable(true)));
        schemas.put("StorageRecordBatchItem", object("One record of a batch: an asset's storage, or its deletion "
                        + "(`deleted`: true, with none of size, thumbnailSize, owner, reservation). size is required unless deleted.",
                Map.of("space", 5, "asset", "my-asset", "size", 4082121L, "thumbnailSize", 115874L), List.of("space", "asset"),
                "space", spaceId("The asset's space."),
                "asset", id("The asset's id."),
                "size", size("The asset's bytes, thumbnails excluded (required unless deleted)."),
                "thumbnailSize", size("Its thumbnails' bytes (default 0)."),
                "owner", id("The user of the customer who owns the asset.").nullable(true),
                "reservation", id("A live reservation of the customer that this record uses up.").nullable(true),
                "deleted", new BooleanSchema().description("true: the asset's record is deleted.")._default(false)));
        schemas.put("StorageRecordBatch", object("Up to 10000 records, applied all together or not at all; each asset once.",
                null, List.of("records"),
                "records", new ArraySchema().items(reference("StorageRecordBatchItem")).maxItems(MAXIMUM_BATCH)
                        .description("The records.")));
        schemas.put("ReservationRequest", object("Room to hold for an upload.",
                Map.of("space", 1, "size", 200000L, "ttlSeconds", 600L), List.of("space", "size"),
                "space", spaceId("The space the upload goes to."),
                "owner", id("The user who will own it; their capacity is checked too.").nullable(true),
                "size", size("The bytes to hold, thumbnails excluded."),
                "thumbnailSize", size("The thumbnails' bytes to hold (default 0)."),
                "count", size("How many assets it is for (default 1).")._default(1),
                "ttlSeconds", new IntegerSchema().format("int64").minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(MAXIMUM_TTL_SECONDS))._default(3600)
                        .description("How long it holds the room, in seconds (default 3600, at most 7 days).")));
        schemas.put("PlanRequest", object("A plan: the capacity of the users on it.",
                Map.of("name", "Basic", "capacity", 600000L), List.of("name", "capacity"),
                "name", text("The plan's name.", MAXIMUM_NAME_LENGTH),
                "capacity", size("The bytes (size and thumbnails) each user on it may use.")));
        schemas.put("UserRequest", object("A user of a customer.", Map.of("name", "Ursula", "email", "ursula@example.org",
                        "password", "correct horse battery", "roles", List.of("originator"), "plan", "basic"),
                List.of("name", "email"),
                "name", text("The user's name.", MAXIMUM_NAME_LENGTH),
                "email", text("The user's email, unique across customers (case-insensitive).", MAXIMUM_EMAIL_LENGTH)
                        .format("email"),
                "password", new StringSchema().format("password").minLength(8).maxLength(1000).writeOnly(true)
                        .description("At least 8 characters and at most 72 bytes in UTF-8; kept only as a bcrypt hash. "
                                + "Left out: the current password stays." + TEXT_NOTE),
                "roles", new ArraySchema().items(new StringSchema()._enum(List.of("originator", "organisationAdministrator")))
                        .description("The user's roles (default none)."),
                "plan", id("The user's plan; null or left out: none.").nullable(true),
                "quota", size("The user's own capacity in bytes, which wins over the plan's; null or left out: none.")
                        .nullable(true)));
        schemas.put("StoragePackRequest", object("Extra capacity for a while.",
                Map.of("name", "Extra 500 kB", "size", 500000L, "expiresAt", "2031-01-01T00:00:00Z"),
                List.of("name", "size", "expiresAt"),
                "name", text("The pack's name.", MAXIMUM_NAME_LENGTH),
                "size", size("The bytes it adds to the user's capacity."),
                "activeFrom", instant("When it starts to count (default now)."),
                "expiresAt", instant("When it stops counting; after activeFrom.")));
        schemas.put("ReconciliationRequest", object("What to reconcile.", Map.of("space", 1, "apply", false), List.of(),
                "space", spaceId("Only this space of the customer (default every space)."),
                "apply", new BooleanSchema()._default(false)
                        .description("true: bring the ledger to the measured storage; false: a dry run.")));
        schemas.put("WebhookRequest", object("A webhook: where to send which events (Standard Webhooks).",
                Map.of("url", "https://platform.example/hooks/storage", "events", List.of("quota.nearing", "quota.exceeded"),
                        "description", "Warn the platform"),
                List.of("url", "events"),
                "url", new StringSchema().format("uri").minLength(1).maxLength(2000)
                        .description("An absolute http or https URL; loopback, private and link-local destinations are "
                                + "refused unless LEDGER_WEBHOOK_ALLOW_PRIVATE is set."),
                "events", new ArraySchema().minItems(1).items(new StringSchema()._enum(List.of("quota.nearing", "quota.critical",
                                "quota.exceeded", "quota.normal", "pack.expiring", "pack.expired", "drift.found",
                                "reconciliation.finished")))
                        .description("The events to send."),
                "description", text("What the webhook is for.", 1000)));
        schemas.put("LoginRequest", object("A user's credentials.",
                Map.of("email", "ursula@example.org", "password", "correct horse battery"), List.of("email", "password"),
                "email", text("The user's email.", MAXIMUM_EMAIL_LENGTH),
                "password", text("The user's password.", MAXIMUM_EMAIL_LENGTH).format("password")));
        schemas.put("RefreshRequest", object("A refresh token.", Map.of("refresh_token", "eyJraWQiOiI3YjEwYzNm..."),
                List.of("refresh_token"),
                "refresh_token", text("The refresh token of an earlier login or refresh.", 8192)));
        return schemas;
    }

    /** The error body of every surface but Cloudreve's: RFC 9457 problem details and a Hydra Error at once. */
    static Schema<?> problem() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("@context", "http://localhost:8080/contexts/Error.jsonld");
        example.put("@type", "Error");
        example.put("statusCode", 404);
        example.put("title", "Not Found");
        example.put("description", "There is no customer 2");
        example.put("status", 404);
        example.put("detail", "There is no customer 2");
        example.put("instance", "/customers/2/storage");
        Schema<?> schema = object("An error: RFC 9457 problem details (application/problem+json) and a Hydra Error at once.",
                null, List.of("@context", "@type", "statusCode", "title", "description", "status", "detail", "instance"),
                "@context", new StringSchema().format("uri").description("The Error context's URL."),
                "@type", new StringSchema().description("Always `Error`."),
                "statusCode", new IntegerSchema().description("The HTTP status (Hydra)."),
                "title", new StringSchema().description("The status's name, or `Storage limit exceeded` for a limit."),
                "description", new StringSchema().description("What went wrong (Hydra): the same as detail."),
                "status", new IntegerSchema().description("The HTTP status (RFC 9457)."),
                "detail", new StringSchema().description("What went wrong, naming each invalid field or the limit passed."),
                "instance", new StringSchema().description("The request's path."));
        schema.additionalProperties(null);
        return schema.example(example);
    }

    static Schema<?> reference(String component) {
        return new Schema<>().$ref("#/components/schemas/" + component);
    }

    private static Schema<?> object(String description, Map<String, ?> example, List<String> required, Object... properties) {
        // Not ObjectSchema: it would write its example as Java's text of a map instead of a JSON object.
        Schema<Object> schema = new Schema<>();
        schema.type("object").description(description).additionalProperties(Boolean.FALSE);
        for (int i = 0; i < properties.length; i += 2) {
            schema.addProperty((String) properties[i], (Schema<?>) properties[i + 1]);
        }
        if (!required.isEmpty()) {
            schema.required(required);
        }
        if (example != null) {
            schema.example(sorted(example, properties));
        }
        return schema;
    }

    /** The example with its fields in the order the schema lists them. */
    private static Map<String, Object> sorted(Map<String, ?> example, Object[] properties) {
        Map<String, Object> sorted = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            if (example.containsKey(properties[i])) {
                sorted.put((String) properties[i], example.get(properties[i]));
            }
        }
        return sorted;
    }

    private static Map<String, Object> example(String name, Object value, String otherName, Object otherValue) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put(name, value);
        example.put(otherName, otherValue);
        return example;
    }

    static IntegerSchema size(String description) {
        return (IntegerSchema) new IntegerSchema().format("int64").minimum(BigDecimal.ZERO)
                .maximum(BigDecimal.valueOf(Long.MAX_VALUE)).description(description);
    }

    static Schema<?> spaceId(String description) {
        return new IntegerSchema().format("int32").minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(Integer.MAX_VALUE))
                .description(description);
    }

    static Schema<?> id(String description) {
        return new StringSchema().pattern(ID_PATTERN).minLength(1).maxLength(200)
                .description(description + " 1 to 200 characters of A-Z a-z 0-9 . _ ~ -");
    }

    private static Schema<?> text(String description, int maximumLength) {
        return new StringSchema().minLength(1).maxLength(maximumLength).description(description + TEXT_NOTE);
    }

    private static Schema<?> instant(String description) {
        return new StringSchema().format("date-time").description(description
                + " An ISO 8601 instant from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z, kept to the microsecond.");
    }
}
