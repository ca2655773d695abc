package dev.storageledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.ServiceProcess;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With LEDGER_PUBLIC_URL set, every URL of every error body starts from it, whatever Host or forwarding headers a
 * request forges: the errors of the controllers, of the security filters, of the server's error page and those that
 * Tomcat writes itself before any servlet. The service runs as a process of its own with the setting, and is sent
 * raw HTTP/1.0 over a socket, as a client that forges headers and paths would.
 */
class PublicUrlErrorsIntegrationTest extends IntegrationTest {

    private static final String PUBLIC_URL = "https://ledger.example.org";
    private static final String FORGED = "forged.example";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void no_error_body_carries_a_forged_host_when_the_public_url_is_set() throws Exception {
        Path log = Path.of("target", "instance-public-url.log").toAbsolutePath();
        String admin = "Authorization: Basic " + Base64.getEncoder().encodeToString((ADMIN_KEY + ":" + ADMIN_SECRET).getBytes(StandardCharsets.UTF_8));
        String wrongSecret = "Authorization: Basic " + Base64.getEncoder().encodeToString((ADMIN_KEY + ":wrong").getBytes(StandardCharsets.UTF_8));

        try (ServiceProcess instance = startInstance("public-url", Map.of("LEDGER_PUBLIC_URL", PUBLIC_URL + "/"))
                .awaitHealth(Duration.ofSeconds(120))) {
            List<Answer> answers = new ArrayList<>();
            // Tomcat's own rejections, before any servlet: a malformed percent-encoding, an encoded NUL.
            answers.add(send(instance.port(), "GET /customers/%zz/storage", null));
            answers.add(send(instance.port(), "GET /plans/a%00b", null, admin));
            // Rejected before a controller, answered by the error page: an encoded slash.
            answers.add(send(instance.port(), "GET /customers/1/spaces/1/images/a%2Fb/storage", null, admin));
            // The security filters: no credentials, wrong credentials, with forwarding headers forged too.
            answers.add(send(instance.port(), "GET /customers/1/storage", null));
            answers.add(send(instance.port(), "GET /customers/1/storage", null, wrongSecret, "X-Forwarded-Host: " + FORGED,
                    "X-Forwarded-Proto: http"));
            // The controllers: an unknown path, a bad body, a body naming a field twice, a forwarded host.
            answers.add(send(instance.port(), "GET /no/such/thing", null, admin, "Forwarded: host=" + FORGED + ";proto=http"));
            answers.add(send(instance.port(), "PUT /plans/x", "{\"name\": \"a\\u0000b\", \"capacity\": 1}", admin));
            answers.add(send(instance.port(), "PUT /plans/x", "{\"name\": \"a\", \"name\": \"b\", \"capacity\": 1}", admin));

            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
                assertThat(answer.body()).as(answer.toString()).doesNotContain(FORGED);
                JsonNode problem = JSON.readTree(answer.body());
                assertThat(problem.get("@context").stringValue()).as(answer.toString()).isEqualTo(PUBLIC_URL + "/contexts/Error.jsonld");
                assertThat(problem.get("instance").stringValue()).as(answer.toString()).startsWith("/");
            });
        }
        assertThat(Files.readString(log)).doesNotContain("\tat ");
    }

    /** What the service answered a raw request: its status line's code and its body. */
    private record Answer(String request, int status, String body) {
    }

    /** Sends {@code requestLine} as HTTP/1.0 with the forged Host and the given headers, and reads the whole answer. */
    private static Answer send(int port, String requestLine, String body, String... headers) throws IOException {
        StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.0\r\nHost: ").append(FORGED).append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            return new Answer(requestLine, Integer.parseInt(response.substring(9, 12)), headersEnd < 0 ? "" : response.substring(headersEnd + 4));
        }
    }
}
