package dev.storageledger.web.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the operation a controller method maps is documented, beside its mapping: what the method cannot say itself,
 * since the controllers read their bodies as JSON trees ({@code JsonObject}) to refuse unknown fields, NUL and
 * duplicate keys exactly. {@link ApiDocumentation} turns it into the operation's id, tag, security, request body and
 * answers; a mapping without it is left bare, and the document's tests fail on it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OperationDocumentation {

    /** The operation id, stable and unique. */
    String id();

    /** The surface. */
    Tag tag();

    /** Who may call it. */
    Caller caller();

    /** One line. */
    String summary();

    /** What it does and when each answer comes. */
    String description();

    /** The component schema of the request body ({@code Schemas.requests()}); empty when it takes none. */
    String body() default "";

    /** Whether the body must be sent. */
    boolean bodyRequired() default true;

    /** The success statuses, each (but 204) with the body springdoc inferred from the controller. */
    int[] success() default {200};

    /**
     * The failure statuses, each answered with a problem (the Cloudreve surface has none: it answers HTTP 200 with
     * its envelope).
     */
    int[] failures();

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
