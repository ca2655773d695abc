package dev.storageledger.web;

import static dev.storageledger.support.Json.object;

import dev.storageledger.support.Json;

/**
 * The problem body a web-slice test expects, as the client reads it (RFC 9457 and a Hydra Error at once), for a
 * request to {@code http://localhost}, MockMvc's host.
 */
public final class ProblemBody {

    public static final String BASE = "http://localhost";

    private ProblemBody() {
    }

    /** The JSON text of the problem, its fields in the order they are written. */
    public static String of(int status, String title, String detail, String instance) {
        return Json.text(object("@context", BASE + "/contexts/Error.jsonld", "@type", "Error", "statusCode", status,
                "title", title, "description", detail, "status", status, "detail", detail, "instance", instance));
    }
}
