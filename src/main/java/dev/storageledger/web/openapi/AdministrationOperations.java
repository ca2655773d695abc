package dev.storageledger.web.openapi;

import static dev.storageledger.web.openapi.Operation.Caller.ADMINISTRATOR;
import static dev.storageledger.web.openapi.Operation.Caller.ANYONE;
import static dev.storageledger.web.openapi.Operation.Caller.CUSTOMER_KEY;
import static dev.storageledger.web.openapi.Operation.Caller.CUSTOMER_READER;
import static dev.storageledger.web.openapi.Operation.Tag.ACCOUNTS;
import static dev.storageledger.web.openapi.Operation.Tag.ADMINISTRATION;
import static dev.storageledger.web.openapi.Operation.Tag.DLCS;
import static dev.storageledger.web.openapi.Operation.Tag.JOBS;
import static dev.storageledger.web.openapi.Operations.ADMIN_READ;
import static dev.storageledger.web.openapi.Operations.KEY_READ;
import static dev.storageledger.web.openapi.Operations.op;

import java.util.ArrayList;
import java.util.List;

/** The operations of the administration, accounts, jobs and webhooks, documented (see {@link Operations}). */
final class AdministrationOperations {

    private AdministrationOperations() {
    }

    static List<Operation> all() {
        List<Operation> operations = new ArrayList<>();
        // Administration
        operations.add(op("PUT", "/customers/{customer}", "putCustomer", ADMINISTRATION, ADMINISTRATOR,
                "Create or replace a customer",
                "201 when it creates the customer, 200 when it replaces it. Without `storagePolicy` the customer gets "
                        + "`default`; a policy that does not exist is 404.",
                "CustomerRequest", List.of(201, 200), List.of(400, 401, 403, 404, 409, 415, 429, 503)));
        operations.add(op("GET", "/customers/{customer}", "getCustomer", ADMINISTRATION, CUSTOMER_READER, "Read a customer",
                "The customer, its policy and the room its live reservations hold.", null, List.of(200), KEY_READ));
        operations.add(op("PATCH", "/customers/{customer}", "patchCustomer", ADMINISTRATION, ADMINISTRATOR, "Change some of a customer",
                "A JSON Merge Patch (application/merge-patch+json or application/json): only the fields named change "
                        + "(name, displayName, storagePolicy); displayName null removes it. An unknown field is 400 naming it; "
                        + "an unknown customer 404.",
                "CustomerPatch", List.of(200), List.of(400, 401, 403, 404, 409, 415, 429, 503)));
        operations.add(op("GET", "/customers", "listCustomers", ADMINISTRATION, ADMINISTRATOR, "List every customer",
                "Paged; each with its storage, the room its live reservations hold, and the quota state of its policy's worst "
                        + "limit (as its quota gives it) with the greatest fraction of a limit taken. orderBy=usage: by that "
                        + "fraction, highest first; state: only the customers in that state.",
                null, List.of(200), ADMIN_READ));
        operations.add(op("GET", "/customers/{customer}/spaces", "listSpaces", ADMINISTRATION, CUSTOMER_READER,
                "List a customer's spaces", "Paged, by id; each with its stored totals.", null, List.of(200), KEY_READ));
        operations.add(op("GET", "/customers/{customer}/reservations", "listReservations", ADMINISTRATION, CUSTOMER_READER,
                "List a customer's live reservations", "Paged; those that expire first first.", null, List.of(200), KEY_READ));
        operations.add(op("GET", "/customers/{customer}/jobs", "listJobs", JOBS, CUSTOMER_READER,
                "List a customer's recalculations and reconciliations", "Paged, newest first; each as it reads at its own URL.",
                null, List.of(200), KEY_READ));
        operations.add(op("PUT", "/customers/{customer}/spaces/{space}", "putSpace", ADMINISTRATION, ADMINISTRATOR,
                "Create or replace a space",
                "201 when it creates the space, 200 when it replaces it. A space's own policy (null: none) applies on top of "
                        + "its customer's. An unknown customer or policy is 404.",
                "SpaceRequest", List.of(201, 200), List.of(400, 401, 403, 404, 409, 415, 429, 503)));
        operations.add(op("GET", "/customers/{customer}/spaces/{space}", "getSpace", ADMINISTRATION, CUSTOMER_READER,
                "Read a space", "The space, its own policy (if any) and the room its live reservations hold.", null,
                List.of(200), KEY_READ));
        operations.add(op("PATCH", "/customers/{customer}/spaces/{space}", "patchSpace", ADMINISTRATION, ADMINISTRATOR,
                "Change some of a space",
                "A JSON Merge Patch (application/merge-patch+json or application/json): only the fields named change "
                        + "(name, storagePolicy); storagePolicy null removes the space's own. An unknown field is 400 naming it; "
                        + "an unknown customer or space 404.",
                "SpacePatch", List.of(200), List.of(400, 401, 403, 404, 409, 415, 429, 503)));
        operations.add(op("GET", "/customers/{customer}/spaces/{space}/images", "listImages", DLCS, CUSTOMER_READER,
                "List a space's images", "Paged, by id: each asset's recorded figures and a link to its storage.", null,
                List.of(200), KEY_READ));
        operations.add(op("GET", "/customers/{customer}/spaces/{space}/images/{asset}", "getImage", DLCS, CUSTOMER_READER,
                "Read an image", "The asset's recorded figures, its owner and a link to its ImageStorage.", null, List.of(200),
                KEY_READ));
        operations.add(op("DELETE", "/customers/{customer}/spaces/{space}", "deleteSpace", ADMINISTRATION, ADMINISTRATOR,
                "Delete a space", "409 while the space holds assets.", null, List.of(204),
                List.of(400, 401, 403, 404, 409, 429, 503)));
        operations.add(op("PUT", "/customers/{customer}/spaces/{space}/images/{asset}", "putStorageRecord", ADMINISTRATION,
                ADMINISTRATOR, "Record an asset's storage",
                "Absolute figures, so a retry changes nothing: 201 when the asset is new, 200 when it is updated. Every "
                        + "total (space, owner, customer) changes in the same transaction. A write that would pass a limit "
                        + "of the space, the customer or the owner is refused whole with 507; an unknown customer, space, "
                        + "owner or reservation is 404.",
                "StorageRecordRequest", List.of(201, 200), List.of(400, 401, 403, 404, 415, 429, 503, 507)));
        operations.add(op("DELETE", "/customers/{customer}/spaces/{space}/images/{asset}", "deleteStorageRecord",
                ADMINISTRATION, ADMINISTRATOR, "Delete an asset's record",
                "Its count and sizes leave every total in the same transaction; 404 when the asset is unknown.", null,
                List.of(204), List.of(400, 401, 403, 404, 429, 503)));
        operations.add(op("POST", "/customers/{customer}/storageRecords", "postStorageRecords", ADMINISTRATION, ADMINISTRATOR,
                "Record a batch of assets' storage",
                "Up to 10000 records, applied all together or not at all. A 400 names each invalid record by index and "
                        + "field; a 507 refuses the whole batch and changes nothing.",
                "StorageRecordBatch", List.of(200), List.of(400, 401, 403, 404, 415, 429, 503, 507)));
        operations.add(op("POST", "/customers/{customer}/reservations", "createReservation", ADMINISTRATION, ADMINISTRATOR,
                "Reserve room for an upload",
                "201 with the reservation; until it is used up, released or expired it counts against the limits of its "
                        + "space, its owner and its customer. 507 when its room would pass one of them.",
                "ReservationRequest", List.of(201), List.of(400, 401, 403, 404, 415, 429, 503, 507)));
        operations.add(op("GET", "/customers/{customer}/reservations/{reservation}", "getReservation", ADMINISTRATION,
                CUSTOMER_READER, "Read a live reservation", "404 once it was used up, released or expired.", null, List.of(200),
                KEY_READ));
        operations.add(op("DELETE", "/customers/{customer}/reservations/{reservation}", "releaseReservation", ADMINISTRATION,
                ADMINISTRATOR, "Release a reservation", "Gives its room back at once; 404 when it is not live.", null,
                List.of(204), List.of(400, 401, 403, 404, 429, 503)));
        operations.add(op("POST", "/customers/{customer}/keys", "createKey", ADMINISTRATION, CUSTOMER_KEY,
                "Issue an HTTP Basic key for a customer",
                "201 with the key's @id (also at Location; DELETE of it revokes the key) and its secret, in this answer only "
                        + "(only its hash is kept). 409 when the customer holds the most keys allowed (LEDGER_MAX_KEYS_PER_CUSTOMER).",
                null, List.of(201), List.of(400, 401, 403, 404, 409, 429, 503)));
        operations.add(op("GET", "/customers/{customer}/keys", "listKeys", ADMINISTRATION, CUSTOMER_KEY,
                "List a customer's keys", "Paged; each with its @id, without its secret.", null, List.of(200), KEY_READ));
        operations.add(op("DELETE", "/customers/{customer}/keys/{key}", "revokeKey", ADMINISTRATION, CUSTOMER_KEY,
                "Revoke a key", "At once: its next request is refused.", null, List.of(204),
                List.of(400, 401, 403, 404, 429, 503)));
        operations.add(op("POST", "/admin/signing-keys/rotation", "rotateSigningKeys", ADMINISTRATION, ADMINISTRATOR,
                "Rotate the key that signs users' tokens",
                "A new key signs from now on; replaced keys stay in the JWK Set until every token they signed has expired.",
                null, List.of(200), List.of(400, 401, 403, 429, 503)));
        operations.add(op("GET", "/.well-known/jwks.json", "getJwks", ADMINISTRATION, ANYONE,
                "Read the keys that verify users' tokens", "The JWK Set (RFC 7517) of the public halves of the signing keys.",
                null, List.of(200), List.of(400, 503)));

        // Accounts
        operations.add(op("PUT", "/plans/{plan}", "putPlan", ACCOUNTS, ADMINISTRATOR, "Create or replace a plan",
                "A plan (Cloudreve's group, Cocoon's plan) gives its users a capacity. 201 when it creates it, 200 when it "
                        + "replaces it.",
                "PlanRequest", List.of(201, 200), List.of(400, 401, 403, 415, 429, 503)));
        operations.add(op("GET", "/plans/{plan}", "getPlan", ACCOUNTS, CUSTOMER_KEY, "Read a plan", "Any key may read plans.",
                null, List.of(200), List.of(400, 401, 404, 429, 503)));
        operations.add(op("GET", "/plans", "listPlans", ACCOUNTS, CUSTOMER_KEY, "List the plans", "Any key may read plans.",
                null, List.of(200), List.of(400, 401, 429, 503)));
        operations.add(op("DELETE", "/plans/{plan}", "deletePlan", ACCOUNTS, ADMINISTRATOR, "Delete a plan",
                "409 while users are on it.", null, List.of(204), List.of(400, 401, 403, 404, 409, 429, 503)));
        operations.add(op("PUT", "/customers/{customer}/users/{user}", "putUser", ACCOUNTS, CUSTOMER_KEY,
                "Create or replace a user",
                "The password is write-only (kept as a bcrypt hash; left out, the current one stays; a new one ends every "
                        + "session). A user's base capacity is their quota, else their plan's capacity, else 0. Emails are "
                        + "unique across customers (409). 201 when it creates the user, 200 when it replaces them.",
                "UserRequest", List.of(201, 200), List.of(400, 401, 403, 404, 409, 415, 429, 503)));
        operations.add(op("GET", "/customers/{customer}/users/{user}", "getUser", ACCOUNTS, CUSTOMER_READER, "Read a user",
                "With their capacity (base + active packs), packs' total, bytes used and reserved room.", null, List.of(200),
                KEY_READ));
        operations.add(op("GET", "/customers/{customer}/users", "listUsers", ACCOUNTS, CUSTOMER_READER, "List a customer's users",
                "Paged; each with what they use against their capacity, its quota state and fraction taken (stored and "
                        + "reserved), and their packs not yet expired. orderBy=usage: by that fraction, highest first; left "
                        + "out: by id.",
                null, List.of(200), KEY_READ));
        operations.add(op("DELETE", "/customers/{customer}/users/{user}", "deleteUser", ACCOUNTS, CUSTOMER_KEY, "Delete a user",
                "409 while the user owns assets.", null, List.of(204), List.of(400, 401, 403, 404, 409, 429, 503)));
        operations.add(op("POST", "/customers/{customer}/users/{user}/storagePacks", "addStoragePack", ACCOUNTS, CUSTOMER_KEY,
                "Give a user a storage pack",
                "It adds its size to the user's capacity while activeFrom <= now < expiresAt, by the database's clock.",
                "StoragePackRequest", List.of(201), List.of(400, 401, 403, 404, 415, 429, 503)));
        operations.add(op("GET", "/customers/{customer}/users/{user}/storagePacks", "listStoragePacks", ACCOUNTS, CUSTOMER_READER,
                "List a user's storage packs", "Each with whether it is active now.", null, List.of(200), KEY_READ));
        operations.add(op("DELETE", "/customers/{customer}/users/{user}/storagePacks/{pack}", "deleteStoragePack", ACCOUNTS,
                CUSTOMER_KEY, "Delete a storage pack", "Its bytes leave the user's capacity at once.", null, List.of(204),
                List.of(400, 401, 403, 404, 429, 503)));

        // Jobs
        operations.add(op("POST", "/customers/{customer}/storage/recalculations", "recalculateCustomer", JOBS, CUSTOMER_KEY,
                "Recalculate a customer's totals",
                "202 with the job to poll at its Location. It recomputes every total from the records, repairs drift and "
                        + "stamps lastCalculated. 429 when the customer has the most jobs allowed queued or running.",
                null, List.of(202), List.of(400, 401, 403, 404, 429, 503)));
        operations.add(op("POST", "/customers/{customer}/spaces/{space}/storage/recalculations", "recalculateSpace", JOBS,
                CUSTOMER_KEY, "Recalculate a space's totals", "As for a customer, for one space.", null, List.of(202),
                List.of(400, 401, 403, 404, 429, 503)));
        operations.add(op("POST", "/storage/recalculations", "recalculateEverything", JOBS, ADMINISTRATOR,
                "Recalculate every customer's totals", "202 with the job to poll at its Location.", null, List.of(202),
                List.of(400, 401, 403, 429, 503)));
        operations.add(op("GET", "/customers/{customer}/storage/recalculations/{job}", "getCustomerRecalculation", JOBS,
                CUSTOMER_READER, "Read a recalculation of a customer or space",
                "Its state (queued, running, succeeded, failed), progress and the drift it found. With `Prefer: wait=N` "
                        + "(RFC 7240) the answer waits up to N seconds (60 at most) for the job to finish, instead of the "
                        + "client polling.", null, List.of(200),
                KEY_READ));
        operations.add(op("GET", "/storage/recalculations/{job}", "getRecalculation", JOBS, ADMINISTRATOR,
                "Read a recalculation of every customer", "Its state, progress and the drift it found; `Prefer: wait=N` as for a "
                        + "customer's recalculation.", null, List.of(200),
                ADMIN_READ));
        operations.add(op("POST", "/customers/{customer}/spaces/{space}/images/{asset}/storage/check", "checkImageStorage",
                JOBS, ADMINISTRATOR, "Measure an asset's real storage",
                "202; while the check runs the asset's ImageStorage says checkingInProgress. Then its sizes are what its "
                        + "files measure, and every total has moved with them. 409 when no storage is configured.",
                null, List.of(202), List.of(400, 401, 403, 404, 409, 429, 503)));
        operations.add(op("POST", "/customers/{customer}/storage/reconciliations", "reconcileCustomer", JOBS, ADMINISTRATOR,
                "Reconcile a customer's records with the real storage",
                "202 with the job to poll at its Location: mismatched, missing and orphan assets. A dry run unless apply is "
                        + "true. The body may be left out. 409 when no storage is configured.",
                "ReconciliationRequest", List.of(202), List.of(400, 401, 403, 404, 409, 415, 429, 503)));
        operations.add(op("GET", "/customers/{customer}/storage/reconciliations/{job}", "getReconciliation", JOBS, CUSTOMER_READER,
                "Read a reconciliation", "Its state and, once finished, what it found. With `Prefer: wait=N` (RFC 7240) the "
                        + "answer waits up to N seconds (60 at most) for the job to finish.", null, List.of(200), KEY_READ));

        // Webhooks
        String webhookAnswers = "The secret (whsec_...) is in the 201 answer only. Deliveries are signed as Standard Webhooks "
                + "(webhook-id, webhook-timestamp, webhook-signature v1 HMAC-SHA256) and retried with backoff for 3 days.";
        operations.add(op("POST", "/customers/{customer}/webhooks", "createWebhook", ADMINISTRATION, CUSTOMER_KEY,
                "Subscribe a webhook to a customer's events", webhookAnswers, "WebhookRequest", List.of(201),
                List.of(400, 401, 403, 404, 409, 415, 429, 503)));
        operations.add(op("POST", "/webhooks", "createWebhookForEveryCustomer", ADMINISTRATION, ADMINISTRATOR,
                "Subscribe a webhook to every customer's events", webhookAnswers, "WebhookRequest", List.of(201),
                List.of(400, 401, 403, 409, 415, 429, 503)));
        operations.add(op("GET", "/customers/{customer}/webhooks", "listWebhooks", ADMINISTRATION, CUSTOMER_READER,
                "List a customer's webhooks", "Paged; without their secrets.", null, List.of(200), KEY_READ));
        operations.add(op("GET", "/webhooks", "listWebhooksForEveryCustomer", ADMINISTRATION, ADMINISTRATOR,
                "List the webhooks of every customer", "Paged; without their secrets.", null, List.of(200), ADMIN_READ));
        operations.add(op("GET", "/customers/{customer}/webhooks/{webhook}", "getWebhook", ADMINISTRATION, CUSTOMER_READER,
                "Read a customer's webhook", "Without its secret.", null, List.of(200), KEY_READ));
        operations.add(op("GET", "/webhooks/{webhook}", "getWebhookForEveryCustomer", ADMINISTRATION, ADMINISTRATOR,
                "Read a webhook of every customer", "Without its secret.", null, List.of(200), ADMIN_READ));
        operations.add(op("DELETE", "/customers/{customer}/webhooks/{webhook}", "deleteWebhook", ADMINISTRATION, CUSTOMER_KEY,
                "Delete a customer's webhook", "Its pending deliveries are dropped.", null, List.of(204), KEY_READ));
        operations.add(op("DELETE", "/webhooks/{webhook}", "deleteWebhookForEveryCustomer", ADMINISTRATION, ADMINISTRATOR,
                "Delete a webhook of every customer", "Its pending deliveries are dropped.", null, List.of(204), ADMIN_READ));
        operations.add(op("GET", "/customers/{customer}/webhooks/{webhook}/deliveries", "listWebhookDeliveries", ADMINISTRATION,
                CUSTOMER_READER, "List a webhook's deliveries", "Newest first, paged: every attempt and its outcome.", null,
                List.of(200), KEY_READ));
        operations.add(op("GET", "/webhooks/{webhook}/deliveries", "listWebhookDeliveriesForEveryCustomer", ADMINISTRATION,
                ADMINISTRATOR, "List the deliveries of a webhook of every customer", "Newest first, paged.", null,
                List.of(200), ADMIN_READ));
        return operations;
    }
}
