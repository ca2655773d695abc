package dev.storageledger.api.cloudreve;

import dev.storageledger.BadRequestException;
import dev.storageledger.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
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

    @ExceptionHandler(BadRequestException.class)
    CloudreveResponse<Void> badRequest(BadRequestException e) {
        return errors.envelope(CloudreveResponse.PARAMETER_ERROR, "Parameter error: " + e.getMessage(), e.getMessage(), null);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class})
    CloudreveResponse<Void> unreadable(Exception e) {
        return errors.envelope(CloudreveResponse.PARAMETER_ERROR, "Parameter error: the body must be a JSON object",
                e.getClass().getSimpleName(), null);
    }

    @ExceptionHandler(NotFoundException.class)
    CloudreveResponse<Void> notFound(NotFoundException e) {
        return errors.envelope(CloudreveResponse.NOT_FOUND, e.getMessage(), e.getMessage(), null);
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
