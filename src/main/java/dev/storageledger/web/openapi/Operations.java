package dev.storageledger.web.openapi;

import static dev.storageledger.web.openapi.Operation.Caller.ADMINISTRATOR;
import static dev.storageledger.web.openapi.Operation.Caller.ANYONE;
import static dev.storageledger.web.openapi.Operation.Caller.CUSTOMER_READER;
import static dev.storageledger.web.openapi.Operation.Caller.USER;
import static dev.storageledger.web.openapi.Operation.Tag.CLOUDREVE;
import static dev.storageledger.web.openapi.Operation.Tag.COCOON;
import static dev.storageledger.web.openapi.Operation.Tag.DLCS;
import static dev.storageledger.web.openapi.Operation.Tag.USAGE;

import dev.storageledger.web.openapi.Operation.Caller;
import dev.storageledger.web.openapi.Operation.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every operation of the service, documented: the one place to add an operation's summary, body and answers. */
final class Operations {

    /** Reads that need a key: a malformed path id, no or wrong key, another customer's key, unknown, database down. */
    static final List<Integer> KEY_READ = List.of(400, 401, 403, 404, 429, 503);
    /** The same for what only the administrator reads. */
    static final List<Integer> ADMIN_READ = KEY_READ;

    private static final Map<String, Operation> ALL = table();

    private Operations() {
    }

    static Map<String, Operation> all() {
        return ALL;
    }

    private static Map<String, Operation> table() {
        List<Operation> operations = new ArrayList<>();

        // DLCS
        operations.add(op("GET", "/storagePolicies/{policy}", "getStoragePolicy", DLCS, ANYONE, "Read a storage policy",
                "Anyone may read a policy, as in DLCS. `default` always exists and takes its values from the settings.",
                null, List.of(200), List.of(400, 404, 503)));
        operations.add(op("GET", "/storagePolicies", "listStoragePolicies", DLCS, ANYONE, "List the storage policies",
                "A page of the Hydra collection of policies (pageSize at most 1000).", null, List.of(200), List.of(400, 503)));
        operations.add(op("PUT", "/storagePolicies/{policy}", "putStoragePolicy", DLCS, ADMINISTRATOR,
                "Create or replace a storage policy",
                "201 when it creates the policy, 200 when it replaces it. A policy may be lowered below current use: what is "
                        + "stored stays, writes that would grow use are refused. `default` cannot be written (409).",
                "StoragePolicyRequest", List.of(201, 200), List.of(400, 401, 403, 409, 415, 429, 503)));
        operations.add(op("DELETE", "/storagePolicies/{policy}", "deleteStoragePolicy", DLCS, ADMINISTRATOR,
                "Delete a storage policy", "409 while a customer or a space uses it, and for `default`.", null, List.of(204),
                List.of(400, 401, 403, 404, 409, 429, 503)));
        operations.add(op("GET", "/customers/{customer}/storagePolicy/{policy}", "getCustomerStoragePolicy", DLCS, CUSTOMER_READER,
                "Read the policy that governs a customer",
                "The policy named, when it is the one that governs the customer (DLCS's link form); 404 otherwise.", null,
                List.of(200), KEY_READ));
        operations.add(op("GET", "/customers/{customer}/storage", "getCustomerStorage", DLCS, CUSTOMER_READER,
                "Read a customer's storage",
                "CustomerStorage: the customer's count of assets, their total size (thumbnails excluded) and the thumbnails' "
                        + "size, from stored totals. Room held by reservations is not in it (see the customer resource).",
                null, List.of(200), KEY_READ));
        operations.add(op("GET", "/customers/{customer}/spaces/{space}/storage", "getSpaceStorage", DLCS, CUSTOMER_READER,
                "Read a space's storage",
                "CustomerStorage of one space; its storagePolicy is the space's own policy when it has one, else the "
                        + "customer's.",
                null, List.of(200), KEY_READ));
        operations.add(op("GET", "/customers/{customer}/spaces/{space}/images/{asset}/storage", "getImageStorage", DLCS,
                CUSTOMER_READER, "Read an asset's storage",
                "ImageStorage: the asset's size and thumbnails' size as last recorded or measured.", null, List.of(200),
                KEY_READ));
        operations.add(op("GET", "/", "getEntryPoint", DLCS, ANYONE, "Read the entry point",
                "Where a client starts and follows links: the storage policies, the customers (the administrator lists them), "
                        + "the plans, and this OpenAPI document.",
                null, List.of(200), List.of(400, 503)));
        operations.add(op("GET", "/contexts/{file}", "getContext", DLCS, ANYONE, "Read a JSON-LD context",
                "The `@context` every response names (e.g. `CustomerStorage.jsonld`); every term maps to the DLCS vocabulary.",
                null, List.of(200), List.of(400, 404)));

        operations.addAll(AdministrationOperations.all());

        // Usage over time
        for (Scope scope : List.of(new Scope("/customers/{customer}", "Customer", "a customer"),
                new Scope("/customers/{customer}/spaces/{space}", "Space", "a space"),
                new Scope("/customers/{customer}/users/{user}", "User", "a user"))) {
            operations.add(op("GET", scope.path() + "/storage/history", "get" + scope.name() + "StorageHistory", USAGE,
                    CUSTOMER_READER, "Read the history of " + scope.what() + "'s totals",
                    "The totals at every boundary of the history's step (LEDGER_HISTORY_STEP, from midnight UTC) from `from` "
                            + "to `to` (ISO 8601 instants; default: the last day), or at every midnight with step=P1D; a "
                            + "range reaching past the retention of the step's points is answered with daily points. A "
                            + "user's points give `used` (size and thumbnails).",
                    null, List.of(200), KEY_READ));
            operations.add(op("GET", scope.path() + "/storage/byteHours", "get" + scope.name() + "ByteHours", USAGE, CUSTOMER_READER,
                    "Read " + scope.what() + "'s byte-hours",
                    "The exact integrals of the totals from `from` to `to` (each a point of the history; `to` left out: "
                            + "now): byte-hours, thumbnail byte-hours and image-hours, with the exact seconds beside them.",
                    null, List.of(200), KEY_READ));
            operations.add(op("GET", scope.path() + "/quota", "get" + scope.name() + "Quota", USAGE, CUSTOMER_READER,
                    "Read " + scope.what() + "'s quota states",
                    "Each limit of the scope's own totals with what is stored, reserved and remaining, its state (normal, "
                            + "nearing, critical, exceeded) and when it would be full at its recent growth.",
                    null, List.of(200), KEY_READ));
        }

        // Cloudreve
        operations.add(op("POST", "/api/v4/session/token", "login", CLOUDREVE, ANYONE, "Log in",
                "Issues an access token (RS256, typ at+jwt) and a refresh token. Wrong credentials: code 40020; too many "
                        + "failed logins: code 429 with Retry-After.",
                "LoginRequest", List.of(200), List.of()));
        operations.add(op("POST", "/api/v4/session/token/refresh", "refreshToken", CLOUDREVE, ANYONE, "Refresh the tokens",
                "A new pair for a valid refresh token; otherwise code 40020.", "RefreshRequest", List.of(200), List.of()));
        operations.add(op("GET", "/api/v4/user/capacity", "getCapacity", CLOUDREVE, USER, "Read the user's capacity",
                "total (base capacity + active packs), used (size and thumbnails of what the user owns) and "
                        + "storage_pack_total. Without a valid access token: code 401.",
                null, List.of(200), List.of()));

        // Cocoon
        operations.add(op("GET", "/api/v1/organisations/{orgGroupId}/statistics/items/storage",
                "getOrganisationStorageStatistics", COCOON, USER, "Read an organisation's storage statistics",
                "For an organisation administrator of that organisation (the customer orgGroupId) only. Strings: the "
                        + "policy's maximum total size in MiB (rounded down), the capacities of its originators in MiB, and "
                        + "the bytes they use.",
                null, List.of(200), List.of(400, 401, 403, 503)));

        Map<String, Operation> byKey = new LinkedHashMap<>();
        for (Operation operation : operations) {
            if (byKey.put(operation.key(), operation) != null) {
                throw new IllegalStateException("documented twice: " + operation.key());
            }
        }
        return Map.copyOf(byKey);
    }

    /** A kind of scope whose usage over time is read: its path, its name in operation ids, and how a summary names it. */
    private record Scope(String path, String name, String what) {
    }

    static Operation op(String method, String path, String id, Tag tag, Caller caller, String summary,
            String description, String body, List<Integer> success, List<Integer> failures) {
        return new Operation(method, path, id, tag, summary, description, caller, body,
                body != null && !body.equals("ReconciliationRequest"), success, failures);
    }
}
