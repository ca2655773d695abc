package dev.storageledger.web.edge;

import dev.storageledger.security.Refusals;
import dev.storageledger.security.Surface;
import dev.storageledger.web.cloudreve.CloudreveErrors;
import dev.storageledger.web.cloudreve.CloudreveResponse;
import dev.storageledger.web.error.ProblemResponses;
import dev.storageledger.web.error.RetryAfter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/** The answers to the requests that security refuses: Cloudreve's envelope on its surface, problems elsewhere. */
@Component
class SurfaceRefusals implements Refusals {

    private final CloudreveErrors cloudreve;
    private final ProblemResponses problems;

    SurfaceRefusals(CloudreveErrors cloudreve, ProblemResponses problems) {
        this.cloudreve = cloudreve;
        this.problems = problems;
    }

    @Override
    public void unauthenticated(Surface surface, HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        switch (surface) {
            case CLOUDREVE -> cloudreve.write(response, CloudreveResponse.LOGIN_REQUIRED, "Login required", exception.getMessage());
            case COCOON -> problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "This resource needs a valid bearer access token: " + exception.getMessage());
            case KEYS -> problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "This resource needs HTTP Basic credentials: a key and its secret");
        }
    }

    @Override
    public void throttled(Surface surface, HttpServletRequest request, HttpServletResponse response, Duration retryAfter)
            throws IOException {
        String seconds = RetryAfter.seconds(retryAfter);
        response.setHeader(HttpHeaders.RETRY_AFTER, seconds);
        String detail = "Too many failed authentications from this address: try again in " + seconds + " s";
        switch (surface) {
            case CLOUDREVE -> cloudreve.write(response, CloudreveResponse.TOO_MANY_REQUESTS, detail, detail);
            case COCOON, KEYS -> problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", detail);
        }
    }

    @Override
    public void forbidden(Surface surface, HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        switch (surface) {
            case CLOUDREVE -> cloudreve.write(response, CloudreveResponse.NO_PERMISSION, "No permission", exception.getMessage());
            case COCOON -> problems.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "This token may not do this");
            case KEYS -> problems.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "Only the administrator may do this");
        }
    }
}
