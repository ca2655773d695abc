package dev.storageledger.web.edge;

import dev.storageledger.LedgerProperties;
import dev.storageledger.web.error.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request body has a limit (LEDGER_MAX_BODY_SIZE; a batch of storage records LEDGER_MAX_BATCH_BODY_SIZE), and a
 * body over it is answered 413 from its Content-Length, before a byte of it is read and before anything parses it. A
 * body without a Content-Length (chunked) is answered 411 Length Required, unread: its size is known only once it has
 * been read, and reading it here, before authentication, would let anonymous clients make the service hold a limit's
 * worth of bytes for each body arriving (256 of them at 12 MB is more than the heap). Tomcat bounds neither: its
 * maxPostSize applies only to form parameters it parses itself, and its maxSwallowSize only to what it discards after an
 * answer, so a JSON body read by the application was read whole, however large (10 MB of it made an OutOfMemoryError).
 * Outermost but for the forwarded-header filter, so that no filter reads a body first.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    /** The one resource whose bodies are larger: a batch of up to 10,000 storage records. */
    private static final Pattern BATCH = Pattern.compile("/customers/[^/]+/storageRecords");

    private final ProblemResponses problems;
    private final long maximum;
    private final long batchMaximum;

    @Autowired
    RequestBodyLimitFilter(ProblemResponses problems, LedgerProperties.Bodies limits) {
        this.problems = problems;
        this.maximum = limits.maxSize().toBytes();
        this.batchMaximum = limits.maxBatchSize().toBytes();
    }

    /** The most bytes the request's body may have. */
    long limitOf(HttpServletRequest request) {
        return request.getMethod().equals("POST") && BATCH.matcher(request.getRequestURI()).matches() ? batchMaximum : maximum;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitOf(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(request, response, limit);
            return;
        }
        if (declared < 0 && chunked(request)) {
            problems.write(request, response, HttpStatus.LENGTH_REQUIRED, "Length Required",
                    "A request body must come with its Content-Length (at most " + limit + " bytes here); a chunked body is not"
                            + " read, and nothing was applied");
            return;
        }
        chain.doFilter(request, response); // Tomcat hands the application no more than the Content-Length
    }

    private static boolean chunked(HttpServletRequest request) {
        String encoding = request.getHeader("Transfer-Encoding");
        return encoding != null && !encoding.isBlank();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        // The rest of the body is not read: Tomcat discards a little of it (maxSwallowSize) and then closes the connection.
        problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "Content Too Large",
                "The request body is larger than " + limit + " bytes, the most this resource takes; nothing was applied");
    }
}
