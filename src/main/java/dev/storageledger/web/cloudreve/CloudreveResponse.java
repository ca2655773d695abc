package dev.storageledger.web.cloudreve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.UUID;

/**
 * Cloudreve v4's envelope (seed 003). Success: {"code": 0, "data": ..., "msg": ""}. Failure: HTTP 200 still,
 * {"code": 401, "msg": "Login required", "correlation_id": "<uuid>"}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"code", "data", "msg", "correlation_id"})
public record CloudreveResponse<T>(int code, T data, String msg, @JsonProperty("correlation_id") String correlationId) {

    public static final int LOGIN_REQUIRED = 401;
    public static final int NO_PERMISSION = 403;
    public static final int NOT_FOUND = 404;
    /** Too many failed logins: refused for now, with a Retry-After header (HTTP 200 still, as every failure here). */
    public static final int TOO_MANY_REQUESTS = 429;
    public static final int PARAMETER_ERROR = 40001;
    public static final int CREDENTIAL_INVALID = 40020;
    public static final int DATABASE_ERROR = 50001;
    public static final int INTERNAL_ERROR = 50000;

    public static <T> CloudreveResponse<T> success(T data) {
        return new CloudreveResponse<>(0, data, "", null);
    }

    public static CloudreveResponse<Void> error(int code, String msg) {
        return new CloudreveResponse<>(code, null, msg, UUID.randomUUID().toString());
    }
}
