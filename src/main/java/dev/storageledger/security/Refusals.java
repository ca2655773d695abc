package dev.storageledger.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * How a surface answers the requests its security refuses. The security filters decide that a request is refused
 * (and set the challenge of their authentication scheme); the web layer, which owns every answer's body, provides
 * this, so that security needs nothing from it.
 */
public interface Refusals {

    /** The request has no valid credentials for the surface. */
    void unauthenticated(Surface surface, HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException;

    /** The request comes from a client locked out after too many failed authentications, for {@code retryAfter} more. */
    void throttled(Surface surface, HttpServletRequest request, HttpServletResponse response, Duration retryAfter) throws IOException;

    /** The request's credentials are valid, but they may not do this. */
    void forbidden(Surface surface, HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException;
}
