package dev.storageledger.web.cloudreve;

import dev.storageledger.failure.Failure;
import dev.storageledger.web.error.RetryAfter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Failures of the Cloudreve surface keep HTTP 200 and Cloudreve's envelope and codes. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = CloudreveController.class)
class CloudreveExceptionHandler {

    private final CloudreveErrors errors;

    CloudreveExceptionHandler(CloudreveErrors errors) {
        this.errors = errors;
    }

    @ExceptionHandler(CloudreveException.class)
    CloudreveResponse<Void> cloudreve(CloudreveException e) {
        return errors.envelope(e.code(), e.getMessage(), e.getMessage(), null);
    }

    @ExceptionHandler(Failure.class)
    CloudreveResponse<Void> failure(Failure e, HttpServletResponse response) {
        return switch (e.kind()) {
            case INVALID -> errors.envelope(CloudreveResponse.PARAMETER_ERROR, "Parameter error: " + e.detail(), e.detail(), null);
            case NOT_FOUND -> errors.envelope(CloudreveResponse.NOT_FOUND, e.detail(), e.detail(), null);
            case FORBIDDEN -> errors.envelope(CloudreveResponse.NO_PERMISSION, e.detail(), e.detail(), null);
            case CONFLICT, INSUFFICIENT_STORAGE, UNAVAILABLE -> errors.envelope(CloudreveResponse.INTERNAL_ERROR, "Internal error", e.detail(), null);
            case TOO_MANY_REQUESTS -> {
                e.retryAfter().ifPresent(wait -> response.setHeader(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(wait)));
                yield errors.envelope(CloudreveResponse.TOO_MANY_REQUESTS, e.detail(), e.detail(), null);
            }
        };
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class})
    CloudreveResponse<Void> unreadable(Exception e) {
        return errors.envelope(CloudreveResponse.PARAMETER_ERROR, "Parameter error: the body must be a JSON object",
                e.getClass().getSimpleName(), null);
    }

    @ExceptionHandler(DataAccessException.class)
    CloudreveResponse<Void> database(DataAccessException e) {
        return errors.envelope(CloudreveResponse.DATABASE_ERROR, "Database error", "the database failed", e);
    }

    @ExceptionHandler(RuntimeException.class)
    CloudreveResponse<Void> unexpected(RuntimeException e) {
        return errors.envelope(CloudreveResponse.INTERNAL_ERROR, "Internal error", "an unexpected failure", e);
    }
}
