package dev.storageledger.web.error;

import dev.storageledger.database.DatabaseError;
import dev.storageledger.failure.Failure;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;

/** Every outcome that is not a success, categorised in one place. No body carries a stack trace or SQL. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** How Jackson's strict duplicate detection (spring.jackson.read.strict-duplicate-detection) names the field. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"", Pattern.DOTALL);

    private final ProblemResponses problems;
    private final DatabaseProblems databaseProblems;

    ApiExceptionHandler(ProblemResponses problems, DatabaseProblems databaseProblems) {
        this.problems = problems;
        this.databaseProblems = databaseProblems;
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

    /** A failure of the database itself is 503 (see {@link DatabaseProblems}); any other is unexpected. */
    @ExceptionHandler({DataAccessException.class, TransactionException.class})
    ResponseEntity<Problem> database(RuntimeException e, HttpServletRequest request) {
        return databaseProblems.answer(e, request).orElseGet(() -> unexpected(e, request));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Problem> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        String detail = "The request body is missing or is not valid JSON";
        if (e.getMostSpecificCause() instanceof JacksonException json && json.getLocation() != null) {
            String duplicate = duplicate(json);
            detail = (duplicate == null ? "The request body is not valid JSON" : duplicate) + " (line " + json.getLocation().getLineNr()
                    + ", column " + json.getLocation().getColumnNr() + ")";
        }
        return problems.entity(request, HttpStatus.BAD_REQUEST, "Bad Request", detail);
    }

    /** The problem of a body that names a field twice in one object (its path and name), or null when that is not it. */
    private static String duplicate(JacksonException json) {
        Matcher name = DUPLICATE.matcher(json.getOriginalMessage());
        if (!name.matches()) {
            return null;
        }
        // The parser's context is the object that holds the field twice; its parent's path is where that object is.
        String path = json.processor() instanceof JsonParser parser && parser.streamReadContext() != null
                && parser.streamReadContext().getParent() != null ? parser.streamReadContext().getParent().pathAsPointer().toString() : "";
        String object = path.replaceAll("/(\\d+)", "[$1]").replace('/', '.').replaceFirst("^\\.", "");
        return (object.isEmpty() ? "" : object + ".") + abbreviate(name.group(1)) + ": is named twice in one object; name each field once";
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

    /** Tomcat could not decode the query string (a malformed percent-encoding, or too many parameters). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Problem> unreadableParameters(InvalidParameterException e, HttpServletRequest request) {
        return problems.entity(request, HttpStatus.BAD_REQUEST, "Bad Request",
                "The query string cannot be read: a parameter is not percent-encoded UTF-8, or there are too many parameters");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Problem> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return problems.entity(request, HttpStatus.BAD_REQUEST, "Bad Request", e.getName() + ": '" + e.getValue() + "' is not valid");
    }

    /**
     * A failure no other handler expects: answered 500 with a correlation id, and logged as one ERROR line with that
     * id (a request from anyone must not fill the log with a stack trace); the stack trace is logged at DEBUG.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> unexpected(Exception e, HttpServletRequest request) {
        String correlationId = UUID.randomUUID().toString();
        log.error("Unexpected failure of {} {} (correlation id {}): {}", request.getMethod(), request.getRequestURI(), correlationId,
                oneLine(e));
        log.debug("The stack trace of the failure with correlation id {}", correlationId, e);
        return problems.entity(request, HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "The request failed unexpectedly; nothing it asked for was half done. The failure is logged with the correlation id "
                        + correlationId);
    }

    /**
     * A failure in one line: the database's SQLState and constraint when the database refused (never the statement's
     * values, which may hold a password's hash), else the exception's class and the first line of its message.
     */
    private static String oneLine(Exception e) {
        DatabaseError database = DatabaseError.of(e);
        if (database.sqlState() != null) {
            return e.getClass().getSimpleName() + ": the database refused the statement (" + database.summary() + ")";
        }
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getName() + (message.isEmpty() ? "" : ": " + abbreviate(message));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }

    private static ResponseEntity<Problem> retryLater(ResponseEntity<Problem> answer) {
        return withHeader(answer, HttpHeaders.RETRY_AFTER, "1");
    }

    private static ResponseEntity<Problem> withHeader(ResponseEntity<Problem> answer, String name, String value) {
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).header(name, value).body(answer.getBody());
    }
}
