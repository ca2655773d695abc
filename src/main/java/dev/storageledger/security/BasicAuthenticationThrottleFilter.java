package dev.storageledger.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before HTTP Basic authentication: a request with Basic credentials from an address locked out after too many
 * failures is refused (429 with Retry-After) without its credentials being checked, right or wrong. The failures are
 * counted by {@link KeyAuthenticationProvider}.
 */
final class BasicAuthenticationThrottleFilter extends OncePerRequestFilter {

    private final AuthenticationThrottle throttle;
    private final Refusals refusals;

    BasicAuthenticationThrottleFilter(AuthenticationThrottle throttle, Refusals refusals) {
        this.throttle = throttle;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            Optional<Duration> locked = throttle.basicRefused(throttle.client(request));
            if (locked.isPresent()) {
                refusals.throttled(Surface.KEYS, request, response, locked.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
