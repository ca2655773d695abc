package dev.storageledger.web.error;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The error body of the DLCS-style and administration surfaces: RFC 9457 problem details and a Hydra Error at
 * once, as DLCS answers.
 */
@JsonPropertyOrder({"@context", "@type", "statusCode", "title", "description", "status", "detail", "instance"})
public record Problem(
        @JsonProperty("@context") String context,
        @JsonProperty("@type") String type,
        int statusCode,
        String title,
        String description,
        int status,
        String detail,
        String instance) {

    public static Problem of(String baseUrl, int status, String title, String detail, String instance) {
        return new Problem(baseUrl + "/contexts/Error.jsonld", "Error", status, title, detail, status, detail, instance);
    }
}
