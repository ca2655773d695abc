package dev.storageledger.web.error;

import dev.storageledger.failure.Failure;
import jakarta.servlet.http.HttpServletRequest;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/** Every outcome that is not a success, categorised in one place. No body carries a stack trace or SQL. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ProblemResponses problems;

    ApiExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @ExceptionHandler(Failure.class)
    ResponseEntity<Problem> failure(Failure e, HttpServletRequest request) {
        return switch (e.kind()) {
            case INVALID -> problems.entity(request, HttpStatus.BAD_REQUEST, "Bad Request", e.detail());
            case FORBIDDEN -> problems.entity(request, HttpStatus.FORBIDDEN, "Forbidden", e.detail());
            case NOT_FOUND -> problems.entity(request, HttpStatus.NOT_FOUND, "Not Found", e.detail());
            case CONFLICT -> problems.entity(request, HttpStatus.CONFLICT, "Conflict", e.detail());
            case INSUFFICIENT_STORAGE -> problems.entity(request, HttpStatus.INSUFFICIENT_STORAGE, "Storage limit exceeded", e.detail());
            case UNAVAILABLE -> retryLater(problems.entity(request, HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", e.detail()));
            case TOO_MANY_REQUESTS -> {
                ResponseEntity<Problem> answer = problems.entity(request, HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", e.detail());
                yield e.retryAfter().map(wait -> withHeader(answer, HttpHeaders.RETRY_AFTER, RetryAfter.seconds(wait))).orElse(answer);
            }
        };
    }

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ResponseEntity<Problem> databaseUnavailable(DataAccessResourceFailureException e, HttpServletRequest request) {
        log.error("The database is unreachable", e);
        return retryLater(problems.entity(request, HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                "The ledger's database cannot be reached; nothing was changed"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        String detail = e.getMostSpecificCause() instanceof JacksonException json && json.getLocation() != null
                ? "The request body is not valid JSON (line " + json.getLocation().getLineNr() + ", column "
                        + json.getLocation().getColumnNr() + ")"
                : "The request body is missing or is not valid JSON";
        return problems.entity(request, HttpStatus.BAD_REQUEST, "Bad Request", detail);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Problem> unsupportedMediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        String sent = e.getContentType() == null ? "no content type" : "content type '" + e.getContentType() + "'";
        return problems.entity(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                "The request body has " + sent + "; send application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Problem> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return problems.entity(request, HttpStatus.NOT_ACCEPTABLE, "Not Acceptable",
                "This resource is served as application/json only");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Problem> methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        String allowed = e.getSupportedHttpMethods() == null ? "" : e.getSupportedHttpMethods().stream()
                .map(Object::toString).collect(Collectors.joining(", "));
        return withHeader(problems.entity(request, HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed",
                "This resource does not support " + e.getMethod() + "; it supports " + allowed), HttpHeaders.ALLOW, allowed);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Problem> noSuchResource(NoResourceFoundException e, HttpServletRequest request) {
        return problems.entity(request, HttpStatus.NOT_FOUND, "Not Found", "There is no resource at " + request.getRequestURI());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Problem> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return problems.entity(request, HttpStatus.BAD_REQUEST, "Bad Request", e.getParameterName() + ": is required");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Problem> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return problems.entity(request, HttpStatus.BAD_REQUEST, "Bad Request", e.getName() + ": '" + e.getValue() + "' is not valid");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return problems.entity(request, HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "The request failed unexpectedly; nothing it asked for was half done. The failure is logged.");
    }

    private static ResponseEntity<Problem> retryLater(ResponseEntity<Problem> answer) {
        return withHeader(answer, HttpHeaders.RETRY_AFTER, "1");
    }

    private static ResponseEntity<Problem> withHeader(ResponseEntity<Problem> answer, String name, String value) {
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).header(name, value).body(answer.getBody());
    }
}
