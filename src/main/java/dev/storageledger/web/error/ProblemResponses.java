package dev.storageledger.web.error;

import dev.storageledger.web.PublicUrl;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds every error answer of the service, whether MVC or the security filters produce it. */
@Component
public class ProblemResponses {

    private final PublicUrl publicUrl;
    private final JsonMapper json;

    ProblemResponses(PublicUrl publicUrl, JsonMapper json) {
        this.publicUrl = publicUrl;
        this.json = json;
    }

    public ResponseEntity<Problem> entity(HttpServletRequest request, HttpStatusCode status, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(request, status, title, detail));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String title,
            String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem(request, status, title, detail));
    }

    private Problem problem(HttpServletRequest request, HttpStatusCode status, String title, String detail) {
        return Problem.of(publicUrl.base(request), status.value(), title, detail, instance(request));
    }

    /** The path the client asked for, also when the server has forwarded the request to its error page. */
    static String instance(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original ? original
                : request.getRequestURI();
    }
}
