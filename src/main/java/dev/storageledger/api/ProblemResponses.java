package dev.storageledger.api;

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
        return Problem.of(publicUrl.base(request), status.value(), title, detail, request.getRequestURI());
    }
}
