package dev.storageledger.web.cloudreve;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every failure of the Cloudreve surface, whether a controller or a security filter meets it: HTTP 200, the
 * envelope with Cloudreve's code, and a correlation id that the log line of the failure carries too.
 */
@Component
public class CloudreveErrors {

    private static final Logger log = LoggerFactory.getLogger(CloudreveErrors.class);

    private final JsonMapper json;

    CloudreveErrors(JsonMapper json) {
        this.json = json;
    }

    /** The envelope of a failure; {@code reason} goes to the log only. */
    public CloudreveResponse<Void> envelope(int code, String msg, String reason, Throwable cause) {
        CloudreveResponse<Void> response = CloudreveResponse.error(code, msg);
        if (cause != null) {
            // One line per failure; the stack trace only at DEBUG, so that no request can fill the log with traces.
            log.error("Cloudreve request failed (code {}, correlation id {}): {}: {}", code, response.correlationId(), reason,
                    cause.getClass().getSimpleName());
            log.debug("Cloudreve request failed (correlation id {})", response.correlationId(), cause);
        } else {
            log.info("Cloudreve request refused (code {}, correlation id {}): {}", code, response.correlationId(), reason);
        }
        return response;
    }

    public void write(HttpServletResponse response, int code, String msg, String reason) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), envelope(code, msg, reason, null));
    }
}
