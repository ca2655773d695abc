package dev.storageledger.web.openapi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * How one operation is documented: what the controllers cannot say themselves, since they read their bodies as
 * JSON trees ({@code JsonObject}) to refuse unknown fields, NUL and duplicate keys exactly.
 *
 * @param method       the HTTP method
 * @param path         the path as the controller maps it
 * @param id           the operation id, stable and unique
 * @param tag          the surface
 * @param summary      one line
 * @param description  what it does and when each answer comes
 * @param caller       who may call it
 * @param body         the component schema of the request body, or null when it takes none
 * @param bodyRequired whether the body must be sent
 * @param success      the success statuses, each (but 204) with the body springdoc inferred from the controller
 * @param failures     the failure statuses, each answered with a problem (the Cloudreve surface has none: it answers
 *                     HTTP 200 with its envelope)
 */
record Operation(String method, String path, String id, Tag tag, String summary, String description, Caller caller,
        String body, boolean bodyRequired, List<Integer> success, List<Integer> failures) {

    Operation {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        requireNonNull(id, "id is null");
        requireNonNull(tag, "tag is null");
        requireNonNull(summary, "summary is null");
        requireNonNull(description, "description is null");
        requireNonNull(caller, "caller is null");
        success = List.copyOf(success);
        failures = List.copyOf(failures);
    }

    String key() {
        return key(method, path);
    }

    static String key(String method, String path) {
        return method.toUpperCase(Locale.ROOT) + " " + path;
    }

    /** The surfaces, as the document's tags. */
    enum Tag {
        DLCS("DLCS", "The DLCS storage resources: storage policies, CustomerStorage and ImageStorage, and their JSON-LD contexts."),
        ADMINISTRATION("administration", "Customers, spaces, storage records, reservations, keys and signing keys: the ingest "
                + "side and the operators."),
        ACCOUNTS("accounts", "Plans, users and their storage packs: what sets a user's capacity."),
        JOBS("jobs", "Recalculations, checks of an asset's real storage and reconciliations: answered 202 with a job to poll."),
        CLOUDREVE("Cloudreve", "Cloudreve v4's login and user capacity. Every answer, failures included, is HTTP 200 with "
                + "Cloudreve's envelope {code, data, msg, correlation_id}: code 0 is success; 401 login required, 403, 404, "
                + "429 too many failed logins, 40001 parameter error, 40020 credential invalid, 50000 internal error, "
                + "50001 database error."),
        COCOON("Cocoon", "Cocoon Data's organisation storage statistics."),
        USAGE("usage", "Usage over time: the history of every customer's, space's and user's totals, their exact "
                + "byte-hours, and quota states with forecasts.");

        private final String label;
        private final String description;

        Tag(String label, String description) {
            this.label = label;
            this.description = description;
        }

        String label() {
            return label;
        }

        String description() {
            return description;
        }
    }

    /** Who may call an operation, and so which security requirement it names. */
    enum Caller {
        /** Anyone: an empty security requirement. */
        ANYONE,
        /** The administrator's HTTP Basic key. */
        ADMINISTRATOR,
        /** The administrator or a key of the customer in the path. */
        CUSTOMER_KEY,
        /**
         * Reads of a customer's resources: the administrator, a key of the customer in the path, or an organisation
         * administrator of it with a bearer access token (a user's own resources: that user too).
         */
        CUSTOMER_READER,
        /** A user's bearer access token. */
        USER
    }
}
