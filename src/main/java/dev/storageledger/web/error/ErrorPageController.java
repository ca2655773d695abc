package dev.storageledger.web.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The answer to errors raised outside Spring MVC (a request the server or the security firewall rejects before it
 * reaches a controller): the same problem body as every other error, never a server's HTML page.
 */
@RestController
class ErrorPageController implements ErrorController {

    private final ProblemResponses problems;
    private final DatabaseProblems databaseProblems;

    ErrorPageController(ProblemResponses problems, DatabaseProblems databaseProblems) {
        this.problems = problems;
        this.databaseProblems = databaseProblems;
    }

    @RequestMapping("/error")
    ResponseEntity<Problem> error(HttpServletRequest request) {
        // A filter that needs the database (the look-up of a customer's key) may find it down: 503, as in MVC.
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            Optional<ResponseEntity<Problem>> database = databaseProblems.answer(failure, request);
            if (database.isPresent()) {
                return database.get();
            }
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is4xxClientError()
                ? "The request to " + ProblemResponses.instance(request) + " was rejected: " + status.getReasonPhrase()
                : "The request failed unexpectedly; the failure is logged";
        return problems.entity(request, status, status.getReasonPhrase(), detail);
    }
}
