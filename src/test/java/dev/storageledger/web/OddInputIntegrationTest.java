package dev.storageledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A corpus of odd input that an outside test once got a 500 or a 2xx for: instants past what the ledger keeps, a null
 * where a value is required, bytes that are not UTF-8, a port past 65535, a count of nothing, a body in another
 * charset, a filter that names no state. Each is answered 400 with a problem whose detail names what is wrong. The
 * bodies are bytes, as sent, since some are not UTF-8; the path is sent as written (its escapes too).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OddInputIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String JSON = "application/json";
    private static final String INSTANT_RANGE = "must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z";
    private static final String LEAP_SECOND = "23:59:60 (a leap second) is not an instant the ledger keeps";
    private int customer;

    @BeforeAll
    void aCustomerWithASpaceAndAUser() {
        customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.user(customer, "someone");
    }

    static Stream<Arguments> oddInput() {
        String webhooks = "/customers/{c}/webhooks";
        String packs = "/customers/{c}/users/someone/storagePacks";
        return Stream.of(
                odd("history to the year -999999999 of a customer", "GET",
                        "/customers/{c}/storage/history?to=-999999999-01-01T00:00:00Z", null, null, "to: " + INSTANT_RANGE),
                odd("history to the year -999999999 of a space", "GET",
                        "/customers/{c}/spaces/1/storage/history?to=-999999999-01-01T00:00:00Z", null, null, "to: " + INSTANT_RANGE),
                odd("history to the year -999999999 of a user", "GET",
                        "/customers/{c}/users/someone/storage/history?to=-999999999-01-01T00:00:00Z", null, null, "to: " + INSTANT_RANGE),
                odd("history from the year 0", "GET", "/customers/{c}/storage/history?from=0000-06-01T00:00:00Z", null, null,
                        "from: " + INSTANT_RANGE + ", not '0000-06-01T00:00:00Z'"),
                odd("history from a negative year", "GET", "/customers/{c}/storage/history?from=-0001-06-01T00:00:00Z", null, null,
                        "from: " + INSTANT_RANGE),
                odd("history from the year 10000", "GET", "/customers/{c}/storage/history?from=%2B10000-01-01T00:00:00Z", null, null,
                        "from: " + INSTANT_RANGE),
                odd("byte-hours from the year 0", "GET", "/customers/{c}/storage/byteHours?from=0000-06-01T00:00:00Z", null, null,
                        "from: " + INSTANT_RANGE),
                odd("history to a leap second", "GET", "/customers/{c}/storage/history?to=2016-12-31T23:59:60Z", null, null,
                        "to: " + LEAP_SECOND),
                odd("byte-hours to a leap second", "GET",
                        "/customers/{c}/storage/byteHours?from=2016-12-31T00:00:00Z&to=2016-12-31T23:59:60Z", null, null, "to: " + LEAP_SECOND),
                odd("a pack that expires at a leap second", "POST", packs,
                        "{\"name\": \"p\", \"size\": 1, \"expiresAt\": \"2216-12-31T23:59:60Z\"}", JSON, "expiresAt: " + LEAP_SECOND),
                odd("a webhook whose url is null", "POST", webhooks, "{\"url\": null, \"events\": [\"quota.exceeded\"]}", JSON,
                        "url: is required (an absolute http or https URL), not null"),
                odd("a webhook of every customer whose url is null", "POST", "/webhooks",
                        "{\"url\": null, \"events\": [\"quota.exceeded\"]}", JSON, "url: is required (an absolute http or https URL), not null"),
                odd("a webhook to port 99999", "POST", webhooks,
                        "{\"url\": \"http://127.0.0.1:99999/hook\", \"events\": [\"quota.exceeded\"]}", JSON,
                        "url: the port must be from 1 to 65535, not 99999"),
                odd("a webhook to port 0", "POST", webhooks,
                        "{\"url\": \"http://127.0.0.1:0/hook\", \"events\": [\"quota.exceeded\"]}", JSON,
                        "url: the port must be from 1 to 65535, not 0"),
                odd("a reservation of no image", "POST", "/customers/{c}/reservations", "{\"space\": 1, \"size\": 1, \"count\": 0}", JSON,
                        "count: must be from 1 to 9223372036854775807, not 0"),
                odd("a name with an overlong slash (C0 AF) in the body", "PUT", "/customers/{c}", overlong("{\"name\": \"a", "b\"}"), JSON,
                        "The request body is not UTF-8: the bytes at offset 11 are no character"),
                odd("an overlong slash (%C0%AF) in the path", "GET", "/customers/{c}/users/a%C0%AFb", null, null, "rejected"),
                odd("an overlong slash (%C0%AF) in the query", "GET", "/customers/{c}/storage/history?from=%C0%AF", null, null,
                        "not percent-encoded UTF-8"),
                odd("a body declared UTF-16", "PUT", "/customers/{c}", "{\"name\": \"x\"}", JSON + "; charset=utf-16",
                        "The request body must be UTF-8 (charset=utf-8, or no charset), not utf-16"),
                odd("a body declared UTF-32", "PUT", "/customers/{c}", "{\"name\": \"x\"}", JSON + "; charset=UTF-32",
                        "The request body must be UTF-8 (charset=utf-8, or no charset), not UTF-32"),
                odd("a body declared Latin-1", "POST", "/customers/{c}/reservations", "{\"space\": 1, \"size\": 1}",
                        JSON + ";charset=iso-8859-1", "not iso-8859-1"),
                odd("users in a state that is none", "GET", "/customers/{c}/users?state=evil", null, null,
                        "state: a customer's users are not filtered by state (only GET /customers is), so 'state=evil' cannot be answered"));
    }

    /** Bytes of {@code before}, the overlong two-byte form of '/' (C0 AF), and {@code after}. */
    private static byte[] overlong(String before, String after) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        bytes.write(0xC0);
        bytes.write(0xAF);
        bytes.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** A row of the corpus: {@code body} is a String (sent as UTF-8), bytes (sent as they are) or null. */
    private static Arguments odd(String name, String method, String path, Object body, String contentType, String detail) {
        byte[] bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) body;
        return Arguments.argumentSet(name, method, path, bytes, contentType, detail);
    }

    @ParameterizedTest
    @MethodSource("oddInput")
    void odd_input_is_answered_400_naming_its_problem(String method, String path, byte[] body, String contentType, String detail)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path.replace("{c}", String.valueOf(customer))))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((ADMIN_KEY + ":" + ADMIN_SECRET).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }

        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = MAPPER.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").stringValue()).contains(detail);
        assertThat(answer.body()).doesNotContain("Exception", "\tat ", "SELECT", "INSERT", "org.springframework", "tools.jackson");
    }
}
