package dev.storageledger.web.edge;

import dev.storageledger.ledger.cache.ReadCache;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A GET or HEAD writes nothing, so its reads from memory (the caller's key or session, then the figures) wait for one
 * fence between them instead of one each (see {@link ReadCache#readsOfOneRequest()}). Outside the security filters,
 * which read the key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ReadRequestFilter extends OncePerRequestFilter {

    private final ReadCache cache;

    ReadRequestFilter(ReadCache cache) {
        this.cache = cache;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (ReadCache.Scope reads = cache.readsOfOneRequest()) {
            chain.doFilter(request, response);
        }
    }
}
