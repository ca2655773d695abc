package dev.storageledger.web.error;

import dev.storageledger.web.PublicUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error report (for a request it rejects before any servlet, such as a malformed percent-encoding),
 * written as the service's problem body instead of an HTML page. Its URLs start from the public base
 * (LEDGER_PUBLIC_URL when set) as every other answer's do, so a forged Host header is never written back.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PublicUrl publicUrl;

    /** The valve the service installs on its host, with the service's public base. */
    public ProblemErrorReportValve(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** The constructor Tomcat calls when it makes the valve itself: the request's own base, as an unset LEDGER_PUBLIC_URL. */
    public ProblemErrorReportValve() {
        this(null);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        String title = status == null ? "Error" : status.getReasonPhrase();
        String base = publicUrl != null && publicUrl.configured().isPresent() ? publicUrl.configured().get()
                : request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        Problem problem = Problem.of(base, code, title, "The server rejected the request: " + title, request.getRequestURI() == null ? "/" : request.getRequestURI());
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream().write(JSON.writeValueAsBytes(problem));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client has gone or the response is closed; there is no one left to tell
        }
        response.getCoyoteResponse().action(ActionCode.CLOSE, null);
    }
}
