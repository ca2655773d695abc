package dev.storageledger.web.error;

import dev.storageledger.database.DatabaseFailure;
import dev.storageledger.database.DatabaseStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The answer to a failure of the database itself (see {@link DatabaseFailure}), wherever it is raised (a controller,
 * or the security filters that look a key up): 503 with Retry-After, saying which failure (cannot be reached, no room
 * left on its disk, ...) and what became of the request. A write that failed for want of a connection, or for lack
 * of room, was not applied; one whose connection was lost while it ran may have been.
 */
@Component
class DatabaseProblems {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProblems.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final ProblemResponses problems;
    private final DatabaseStatus database;

    DatabaseProblems(ProblemResponses problems, DatabaseStatus database) {
        this.problems = problems;
        this.database = database;
    }

    /** The answer when {@code failure} is a failure of the database; empty when it is not. */
    Optional<ResponseEntity<Problem>> answer(Throwable failure, HttpServletRequest request) {
        return DatabaseFailure.of(failure).map(found -> answer(found, failure, request));
    }

    private ResponseEntity<Problem> answer(DatabaseFailure failure, Throwable exception, HttpServletRequest request) {
        boolean read = SAFE_METHODS.contains(request.getMethod());
        if (!read) {
            database.writeFailed(failure);
        }
        // Not a warning each: during an outage every request fails so; the probe and DatabaseStatus log the outage once.
        log.debug("{} {} failed: {} ({})", request.getMethod(), ProblemResponses.instance(request), failure.description(), failure.cause());
        String outcome;
        if (read) {
            outcome = "retry later";
        } else if (failure.kind() == DatabaseFailure.Kind.UNREACHABLE && !neverConnected(exception)) {
            outcome = "the connection was lost during the request, so it may have been applied; a PUT or a DELETE is safe to retry";
        } else {
            outcome = "nothing was applied";
        }
        ResponseEntity<Problem> answer = problems.entity(request, HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                failure.description() + "; " + outcome);
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).header(HttpHeaders.RETRY_AFTER, "1")
                .body(answer.getBody());
    }

    /** Whether the request failed for want of a connection, before it sent anything to the database. */
    private static boolean neverConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return false;
    }
}
