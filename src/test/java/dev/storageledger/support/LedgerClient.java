package dev.storageledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client of the running service, as one caller (the administrator, a customer's key, or nobody).
 * It fails the test on any 500 answer: no request of the suite may produce one.
 */
public final class LedgerClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Decimals read exactly: byte-seconds pass what a double holds. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final HttpClient http;
    private final int port;
    private final String base;
    private final String authorization;

    LedgerClient(int port, String key, String secret) {
        this(port, key == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    /** The administrator (or a customer's key) of a service that listens on {@code port}, such as a {@link ServiceProcess}. */
    public static LedgerClient basic(int port, String key, String secret) {
        return new LedgerClient(port, key, secret);
    }

    /** A bearer of a token, to a service that listens on {@code port}. */
    public static LedgerClient bearer(int port, String token) {
        return new LedgerClient(port, "Bearer " + token);
    }

    /** Nobody: requests without credentials, to a service that listens on {@code port}. */
    public static LedgerClient anonymous(int port) {
        return new LedgerClient(port, null);
    }

    /** @param authorization the Authorization header of every request, or null */
    LedgerClient(int port, String authorization) {
        this(HTTP, port, "http://localhost:" + port, authorization);
    }

    private LedgerClient(HttpClient http, int port, String base, String authorization) {
        this.http = http;
        this.port = port;
        this.base = base;
        this.authorization = authorization;
    }

    /**
     * The same caller connecting from {@code localAddress}, one of this machine's 127.0.0.0/8: to the service, a client
     * address of its own (for the limits counted per address).
     */
    public LedgerClient from(String localAddress) {
        try {
            HttpClient bound = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .localAddress(InetAddress.getByName(localAddress)).build();
            return new LedgerClient(bound, port, "http://127.0.0.1:" + port, authorization);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + localAddress, e);
        }
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** A PUT of {@code json} as it is: for a body whose raw text matters (see {@link Json} for the others). */
    public Response put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    /** A PUT of {@code body} as Jackson writes it (a node built with {@link Json}, or a record); a String as it is. */
    public Response put(String path, Object body) {
        return put(path, wire(body));
    }

    /** A POST of {@code json} as it is, or of no body when it is null. */
    public Response post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    /** A POST of {@code body} as Jackson writes it (a node built with {@link Json}, or a record); a String as it is; no body for null. */
    public Response post(String path, Object body) {
        return post(path, wire(body));
    }

    /** The text of a body: a String is already JSON text (whatever its static type), anything else is written by Jackson. */
    private static String wire(Object body) {
        return body == null || body instanceof String ? (String) body : Json.text(body);
    }

    public Response send(String method, String path, String body, String contentType) {
        return send(method, path, body, contentType, null);
    }

    public Response send(String method, String path, String body, String contentType, String extraHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (extraHeader != null) {
            String[] nameAndValue = extraHeader.split(":", 2);
            request.header(nameAndValue[0].trim(), nameAndValue[1].trim());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body()).isNotEqualTo(500);
            return new Response(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, HttpResponse<String> raw) {

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }
}
