package dev.storageledger.web.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * A failure that escapes the servlet filters (the security filters read keys from the database before any
 * controller runs) is answered by the same exception handlers as a controller's failure: a problem body, and for an
 * unexpected one a 500 with a correlation id and one log line. Without this, the server would log its stack trace for
 * every such request and answer from its error page. Outside the security filters, inside the forwarded-header one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class FailuresOutsideControllersFilter extends OncePerRequestFilter {

    private final HandlerExceptionResolver handlers;

    FailuresOutsideControllersFilter(@Lazy @Qualifier("handlerExceptionResolver") HandlerExceptionResolver handlers) {
        this.handlers = handlers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException e) {
            if (response.isCommitted() || handlers.resolveException(request, response, null, e) == null) {
                throw e;
            }
        }
    }
}
