package dev.storageledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

/**
 * Every body has a limit, and one over it is answered 413 from its Content-Length before a byte of it is read; a
 * chunked one, whose size is known only once read, is answered 411 unread. Sent as raw HTTP/1.1 over a socket, so that
 * a body announced but never sent shows that the answer did not wait for it.
 */
class RequestBodyLimitIntegrationTest extends IntegrationTest {

    private static final long LIMIT = 1024 * 1024;
    private static final long BATCH_LIMIT = 12 * 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void an_anonymous_login_announcing_10_MB_is_refused_413_naming_the_limit_without_its_body_being_sent() throws IOException {
        Answer answer = send("POST", "/api/v4/session/token", null, "Content-Length: " + 10 * 1024 * 1024 + "\r\n",
                "{\"email\": \"".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.text()).isEqualTo(413);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer.problem().get("title").stringValue()).isEqualTo("Content Too Large");
        assertThat(answer.problem().get("detail").stringValue()).contains("larger than " + LIMIT + " bytes");
    }

    @Test
    void a_chunked_body_is_refused_411_unread_and_applies_nothing() throws IOException {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        byte[] body = ("{\"size\": 5," + " ".repeat(100_000) + "\"thumbnailSize\": 1}").getBytes(StandardCharsets.UTF_8);

        Answer answer = sendChunked("PUT", "/customers/" + customer + "/spaces/1/images/chunked", body);

        assertThat(answer.status()).as(answer.text()).isEqualTo(411);
        assertThat(answer.problem().get("detail").stringValue()).contains("Content-Length");
        assertThat(admin().send("GET", "/customers/" + customer + "/spaces/1/images/chunked", null, null).status()).isEqualTo(404);
    }

    @Test
    void an_anonymous_chunked_login_is_answered_at_once_without_its_body_being_sent() throws IOException {
        // The first chunk announces a megabyte and stops: an answer means nothing waited for the body, let alone kept it.
        Answer answer = send("POST", "/api/v4/session/token", null, "Transfer-Encoding: chunked\r\n",
                "100000\r\n{\"email\": \"".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.text()).isEqualTo(411);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
    }

    @Test
    void a_batch_of_10000_records_over_the_ordinary_limit_is_taken_and_one_past_the_batch_limit_is_refused() throws IOException {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        StringBuilder batch = new StringBuilder("{\"records\": [");
        for (int index = 0; index < 10_000; index++) {
            batch.append(index == 0 ? "" : ",").append("{\"space\": 1, \"asset\": \"").append("a".repeat(190)).append(index)
                    .append("\", \"size\": 1000, \"thumbnailSize\": 100}");
        }
        byte[] body = batch.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        assertThat((long) body.length).isGreaterThan(LIMIT);

        Answer taken = send("POST", "/customers/" + customer + "/storageRecords", ADMIN_KEY + ":" + ADMIN_SECRET,
                "Content-Length: " + body.length + "\r\n", body);
        Answer refused = send("POST", "/customers/" + customer + "/storageRecords", ADMIN_KEY + ":" + ADMIN_SECRET,
                "Content-Length: " + (BATCH_LIMIT + 1) + "\r\n", new byte[0]);

        assertThat(taken.status()).as(taken.text()).isEqualTo(200);
        assertThat(taken.problem().get("created").asInt()).isEqualTo(10_000);
        assertThat(refused.status()).as(refused.text()).isEqualTo(413);
        assertThat(refused.problem().get("detail").stringValue()).contains("larger than " + BATCH_LIMIT + " bytes");
    }

    private record Answer(String head, String text) {

        int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }

        JsonNode problem() {
            return JSON.readTree(text);
        }
    }

    private Answer sendChunked(String method, String path, byte[] body) throws IOException {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 8192) {
            int length = Math.min(8192, body.length - offset);
            chunks.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(body, offset, length);
            chunks.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return send(method, path, ADMIN_KEY + ":" + ADMIN_SECRET, "Transfer-Encoding: chunked\r\n", chunks.toByteArray());
    }

    /**
     * Sends the head and then {@code bytes} (from another thread, so that a server that answers before reading them all
     * is not kept waiting), and reads the answer until the server closes the connection.
     */
    private Answer send(String method, String path, String credentials, String headers, byte[] bytes) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + (credentials == null ? "" : "Authorization: Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) + "\r\n")
                    + headers + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    out.write(bytes);
                    out.flush();
                } catch (IOException closedByTheServer) {
                    // the server answered and closed before reading it all, as it may
                }
            });
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            sending.cancel(true);
            int end = answer.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer: %s", answer).isPositive();
            return new Answer(answer.substring(0, end), body(answer.substring(0, end), answer.substring(end + 4)));
        }
    }

    /** The body of an answer, its chunks joined when it was sent chunked. */
    private static String body(String head, String rest) {
        if (!head.toLowerCase().contains("transfer-encoding: chunked")) {
            return rest;
        }
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = rest.indexOf("\r\n", at);
            int length = Integer.parseInt(rest.substring(at, lineEnd).trim(), 16);
            if (length == 0) {
                return body.toString();
            }
            body.append(rest, lineEnd + 2, lineEnd + 2 + length);
            at = lineEnd + 2 + length + 2;
        }
    }
}
