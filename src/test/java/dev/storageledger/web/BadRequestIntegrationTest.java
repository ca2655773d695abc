package dev.storageledger.web;

import static dev.storageledger.support.Json.array;
import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.Json;
import dev.storageledger.support.LedgerClient;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A table of bad requests: each gets a 4xx problem body (RFC 9457 and Hydra at once) whose detail names the
 * problem, and never a stack trace or SQL. LedgerClient fails any test that meets a 500. Bodies that are well-formed
 * JSON are built with {@link Json}; those whose text is the problem (not JSON, a fraction, an exponent, a number past
 * 2^63-1, a value of the wrong type) are given as the text itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestIntegrationTest extends IntegrationTest {

    private static final String JSON = "application/json";
    private int customer;

    @BeforeAll
    void aCustomerWithASpaceAndAnAsset() {
        customer = newCustomerId();
        LedgerClient admin = admin();
        given.customer(customer);
        given.space(customer, 1);
        given.asset(customer, 1, "a1", object("size", 10));
        given.plan("bad-requests", 100);
        given.user(customer, "owner", object("plan", "bad-requests")); // its email, owner-{c}@example.com, is taken below
        given.asset(customer, 1, "owned", object("size", 10, "owner", "owner"));
    }

    static Stream<Arguments> badRequests() {
        String image = "/customers/{c}/spaces/1/images/new";
        String batch = "/customers/{c}/storageRecords";
        String user = "/customers/{c}/users/someone";
        String packs = "/customers/{c}/users/owner/storagePacks";
        JsonNode tooMany = object("records", array(IntStream.range(0, 10_001).mapToObj(i -> object("space", 1, "asset", "x" + i, "size", 1))
                .toList()));
        return Stream.of(
                bad("a customer id that is not a number", "GET", "/customers/abc/storage", null, null, 400, "customer: 'abc'"),
                bad("customer id 0", "GET", "/customers/0/storage", null, null, 400, "customer: '0'"),
                bad("a customer id past 2^31-1", "GET", "/customers/2147483648/storage", null, null, 400, "customer"),
                bad("a negative customer id", "GET", "/customers/-1/storage", null, null, 400, "customer: '-1'"),
                bad("a negative space id", "GET", "/customers/{c}/spaces/-1/storage", null, null, 400, "space: '-1'"),
                bad("an asset id with a space", "GET", "/customers/{c}/spaces/1/images/a%20b/storage", null, null, 400, "asset"),
                bad("an asset id of 201 characters", "GET", "/customers/{c}/spaces/1/images/" + "a".repeat(201) + "/storage",
                        null, null, 400, "asset"),
                bad("a negative size", "PUT", image, object("size", -1), JSON, 400, "size: must be an integer from 0"),
                bad("a fractional size", "PUT", image, "{\"size\": 1.5}", JSON, 400, "size: must be an integer"),
                bad("an exponent size", "PUT", image, "{\"size\": 1e3}", JSON, 400, "size: must be an integer"),
                bad("a size past 2^63-1", "PUT", image, "{\"size\": 9223372036854775808}", JSON, 400, "size: must be an integer"),
                bad("a huge size", "PUT", image, "{\"size\": 99999999999999999999999}", JSON, 400, "size"),
                bad("a string size", "PUT", image, "{\"size\": \"10\"}", JSON, 400, "size: must be an integer from 0 to 9223372036854775807, not the string"),
                bad("a null size", "PUT", image, "{\"size\": null}", JSON, 400, "size: must be an integer from 0 to 9223372036854775807, not null"),
                bad("no size", "PUT", image, object("thumbnailSize", 3), JSON, 400, "size: is required"),
                bad("a negative thumbnail size", "PUT", image, object("size", 1, "thumbnailSize", -5), JSON, 400, "thumbnailSize"),
                bad("an unknown field", "PUT", image, object("size", 1, "colour", "red"), JSON, 400, "colour: is not a known field"),
                bad("a bad owner id", "PUT", image, object("size", 1, "owner", "no spaces"), JSON, 400, "owner"),
                bad("malformed JSON", "PUT", image, "{\"size\": ", JSON, 400, "not valid JSON"),
                bad("a JSON array for an object", "PUT", image, "[1, 2]", JSON, 400, "the body: must be a JSON object"),
                bad("an empty body", "PUT", image, "", JSON, 400, "JSON"),
                bad("a wrong content type", "PUT", image, "size=1", "text/plain", 415, "text/plain"),
                bad("no content type", "PUT", image, object("size", 1), null, 415, "send application/json"),
                bad("an oversize batch", "POST", batch, tooMany, JSON, 400, "holds 10001 records; a batch holds at most 10000"),
                bad("a batch without records", "POST", batch, "{\"records\": 5}", JSON, 400, "records: is required"),
                bad("a batch record with a bad size", "POST", batch,
                        object("records", array(object("space", 1, "asset", "b0", "size", 1), object("space", 1, "asset", "b1", "size", 1),
                                object("space", 1, "asset", "b2", "size", -3))), JSON, 400, "records[2].size"),
                bad("a batch naming one asset twice", "POST", batch,
                        object("records", array(object("space", 1, "asset", "d", "size", 1),
                                object("space", 1, "asset", "d", "deleted", true))),
                        JSON, 400, "records[1]: asset 'd' in space 1 is already named by records[0]"),
                bad("a deletion with a size", "POST", batch,
                        object("records", array(object("space", 1, "asset", "d", "deleted", true, "size", 4))),
                        JSON, 400, "records[0].size: is not allowed"),
                bad("a batch record with a string space", "POST", batch, "{\"records\": [{\"space\":\"five\",\"asset\":\"d\",\"size\":4}]}",
                        JSON, 400, "records[0].space"),
                bad("a batch record whose every field is wrong", "POST", batch,
                        "{\"records\": [{\"space\":-1,\"asset\":\"a b\",\"size\":\"x\"}]}", JSON, 400,
                        "records[0].space: must be an integer from 0 to 2147483647, not -1; records[0].asset: must be an id"
                                + " of 1 to 200 characters of A-Z a-z 0-9 . _ ~ -, not the string \"a b\"; records[0].size"),
                bad("a batch record that is not an object", "POST", batch, "{\"records\": [7]}", JSON, 400, "records[0]: must be a JSON object"),
                bad("a negative policy maximum", "PUT", "/storagePolicies/bad-one",
                        object("maximumNumberOfStoredImages", -1, "maximumTotalSizeOfStoredImages", 5), JSON, 400, "maximumNumberOfStoredImages"),
                bad("a policy without its size", "PUT", "/storagePolicies/bad-one", object("maximumNumberOfStoredImages", 1),
                        JSON, 400, "maximumTotalSizeOfStoredImages: is required"),
                bad("page 0 of policies", "GET", "/storagePolicies?page=0", null, null, 400, "page: must be an integer from 1"),
                bad("a query string that is not UTF-8", "GET", "/storagePolicies?page=%FF", null, null, 400,
                        "The query string cannot be read"),
                bad("a page size that is not a number", "GET", "/storagePolicies?pageSize=abc", null, null, 400, "pageSize"),
                bad("a customer without a name", "PUT", "/customers/{c}", object("storagePolicy", "default"), JSON, 400, "name: is required"),
                bad("a customer with an unknown policy", "PUT", "/customers/{c}", object("name", "x", "storagePolicy", "nope"),
                        JSON, 400, "storagePolicy: there is no storage policy 'nope'"),
                bad("a space whose policy is a number", "PUT", "/customers/{c}/spaces/1", "{\"name\": \"x\", \"storagePolicy\": 5}",
                        JSON, 400, "storagePolicy: must be an id"),
                bad("an unknown customer", "GET", "/customers/999999/storage", null, null, 404, "There is no customer 999999"),
                bad("an unknown space", "GET", "/customers/{c}/spaces/77/storage", null, null, 404, "There is no space 77"),
                bad("an unknown asset", "GET", "/customers/{c}/spaces/1/images/nothing/storage", null, null, 404, "There is no asset 'nothing'"),
                bad("a record into an unknown space", "PUT", "/customers/{c}/spaces/77/images/x", object("size", 1), JSON, 404, "no space 77"),
                bad("a batch into an unknown space", "POST", batch, object("records", array(object("space", 1, "asset", "ok", "size", 1),
                        object("space", 78, "asset", "x", "size", 1))), JSON, 404, "records[1].space: there is no space 78"),
                bad("a delete of an unknown asset", "DELETE", "/customers/{c}/spaces/1/images/nothing", null, null, 404, "nothing"),
                bad("an unknown policy", "GET", "/storagePolicies/nothing-here", null, null, 404, "nothing-here"),
                bad("deleting the default policy", "DELETE", "/storagePolicies/default", null, null, 409, "always exists"),
                bad("deleting a space that holds assets", "DELETE", "/customers/{c}/spaces/1", null, null, 409, "still holds assets"),
                bad("a plan without capacity", "PUT", "/plans/p1", object("name", "p"), JSON, 400, "capacity: is required"),
                bad("a plan with a negative capacity", "PUT", "/plans/p1", object("name", "p", "capacity", -1), JSON, 400, "capacity"),
                bad("a bad plan id", "PUT", "/plans/a%20b", object("name", "p", "capacity", 1), JSON, 400, "plan"),
                bad("an unknown plan", "GET", "/plans/nothing-here", null, null, 404, "nothing-here"),
                bad("deleting a plan that users are on", "DELETE", "/plans/bad-requests", null, null, 409, "Users are on the plan"),
                bad("a user without name and email", "PUT", user, object(), JSON, 400, "name: is required; email: is required"),
                bad("a user with a bad email", "PUT", user, object("name", "n", "email", "nobody"), JSON, 400, "email"),
                bad("a user with a short password", "PUT", user, object("name", "n", "email", "n@x.io", "password", "short"),
                        JSON, 400, "password: must have at least 8 characters"),
                bad("a user with a password past 72 bytes", "PUT", user, object("name", "n", "email", "n@x.io", "password", "é".repeat(37)),
                        JSON, 400, "password: must have at most 72 bytes"),
                bad("a user with an unknown role", "PUT", user, object("name", "n", "email", "n@x.io", "roles", array("king")),
                        JSON, 400, "roles: 'king' is not a role"),
                bad("a user with roles that are not an array", "PUT", user, "{\"name\": \"n\", \"email\": \"n@x.io\", \"roles\": \"originator\"}",
                        JSON, 400, "roles: must be an array"),
                bad("a user with an unknown plan", "PUT", user, object("name", "n", "email", "n@x.io", "plan", "gold"),
                        JSON, 400, "plan: there is no plan 'gold'"),
                bad("a user with a negative quota", "PUT", user, object("name", "n", "email", "n@x.io", "quota", -5),
                        JSON, 400, "quota"),
                bad("a user with an email that another user of the customer has", "PUT", user,
                        object("name", "n", "email", "OWNER-{c}@example.com"), JSON, 409,
                        "email: the email 'OWNER-{c}@example.com' cannot be used; choose another"),
                bad("a user with an email that holds a zero-width space", "PUT", user, object("name", "n", "email", "n\u200B@x.io"),
                        JSON, 400, "email: must not contain an invisible character (U+200B, at character 1)"),
                bad("a user of an unknown customer", "PUT", "/customers/2147483000/users/u", object("name", "n", "email", "n@x.io"),
                        JSON, 404, "There is no customer 2147483000"),
                bad("an unknown user", "GET", "/customers/{c}/users/nobody", null, null, 404, "There is no user 'nobody'"),
                bad("deleting a user who owns assets", "DELETE", "/customers/{c}/users/owner", null, null, 409, "still owns assets"),
                bad("a pack without expiry", "POST", packs, object("name", "p", "size", 1), JSON, 400, "expiresAt: is required"),
                bad("a pack with a bad instant", "POST", packs, object("name", "p", "size", 1, "expiresAt", "tomorrow"), JSON, 400,
                        "expiresAt: must be an ISO 8601 instant"),
                bad("a pack that expires before it starts", "POST", packs,
                        object("name", "p", "size", 1, "activeFrom", "2030-01-02T00:00:00Z", "expiresAt", "2030-01-01T00:00:00Z"),
                        JSON, 400, "expiresAt: must be after activeFrom"),
                bad("a pack that has already expired", "POST", packs, object("name", "p", "size", 1, "expiresAt", "2001-01-01T00:00:00Z"),
                        JSON, 400, "expiresAt: must be after now"),
                bad("a pack of an unknown user", "POST", "/customers/{c}/users/nobody/storagePacks",
                        object("name", "p", "size", 1, "expiresAt", "2100-01-01T00:00:00Z"), JSON, 404, "There is no user 'nobody'"),
                bad("deleting an unknown pack", "DELETE", packs + "/nothing", null, null, 404, "has no storage pack 'nothing'"),
                bad("a record whose owner is not a user", "PUT", image, object("size", 1, "owner", "ghost"), JSON, 404,
                        "owner: there is no user 'ghost'"),
                bad("a record that takes its owner past their capacity", "PUT", image, object("size", 91, "owner", "owner"), JSON, 507,
                        "capacity (base 100 + active storage packs 0 bytes) of user 'owner'"),
                bad("a reservation without space and size", "POST", "/customers/{c}/reservations", object(), JSON, 400,
                        "space: is required (an integer from 0 to 2147483647); size: is required"),
                bad("a reservation of a negative size", "POST", "/customers/{c}/reservations", object("space", 1, "size", -1), JSON, 400,
                        "size: must be an integer from 0"),
                bad("a reservation that lives 0 seconds", "POST", "/customers/{c}/reservations",
                        object("space", 1, "size", 1, "ttlSeconds", 0), JSON, 400, "ttlSeconds: must be from 1 to 604800"),
                bad("a reservation that lives past 7 days", "POST", "/customers/{c}/reservations",
                        object("space", 1, "size", 1, "ttlSeconds", 604801), JSON, 400, "ttlSeconds: must be from 1 to 604800"),
                bad("a reservation with an unknown field", "POST", "/customers/{c}/reservations",
                        object("space", 1, "size", 1, "bytes", 1), JSON, 400, "bytes: is not a known field"),
                bad("a reservation in an unknown space", "POST", "/customers/{c}/reservations", object("space", 77, "size", 1), JSON, 404,
                        "There is no space 77"),
                bad("a reservation for an unknown owner", "POST", "/customers/{c}/reservations",
                        object("space", 1, "size", 1, "owner", "ghost"), JSON, 404, "owner: there is no user 'ghost'"),
                bad("a reservation of an unknown customer", "POST", "/customers/2147483000/reservations", object("space", 1, "size", 1),
                        JSON, 404, "There is no customer 2147483000"),
                bad("an unknown reservation", "GET", "/customers/{c}/reservations/nothing", null, null, 404, "no live reservation 'nothing'"),
                bad("releasing an unknown reservation", "DELETE", "/customers/{c}/reservations/nothing", null, null, 404,
                        "no live reservation 'nothing'"),
                bad("a record naming a reservation with a bad id", "PUT", image, object("size", 1, "reservation", "a b"), JSON, 400,
                        "reservation: must be a reservation's id or its @id"),
                bad("a deletion that names a reservation", "POST", batch,
                        object("records", array(object("space", 1, "asset", "a1", "deleted", true, "reservation", "r"))), JSON, 400,
                        "records[0].reservation: is not allowed"),
                bad("a reconciliation with an unknown field", "POST", "/customers/{c}/storage/reconciliations", object("dryRun", true), JSON,
                        400, "dryRun: is not a known field"),
                bad("a reconciliation of a space that is not a number", "POST", "/customers/{c}/storage/reconciliations",
                        "{\"space\": \"one\"}", JSON, 400, "space: must be an integer"),
                bad("a reconciliation with no storage configured", "POST", "/customers/{c}/storage/reconciliations", null, null, 409,
                        "No storage is configured"),
                bad("a recalculation of an unknown space", "POST", "/customers/{c}/spaces/77/storage/recalculations", null, null, 404,
                        "There is no space 77"),
                bad("an unknown recalculation", "GET", "/customers/{c}/storage/recalculations/nothing", null, null, 404, "nothing"),
                bad("a plan name with NUL", "PUT", "/plans/nul", object("name", "a\u0000b", "capacity", 1), JSON, 400,
                        "name: must not contain the character U+0000 (NUL, at character 1)"),
                bad("a customer name with NUL", "PUT", "/customers/{c}", object("name", "a\u0000b"), JSON, 400,
                        "name: must not contain the character U+0000"),
                bad("a space name with NUL", "PUT", "/customers/{c}/spaces/2", object("name", "\u0000"), JSON, 400,
                        "name: must not contain the character U+0000"),
                bad("a user name with NUL", "PUT", user, object("name", "a\u0000b", "email", "n@x.io"), JSON, 400,
                        "name: must not contain the character U+0000"),
                bad("an email with NUL", "PUT", user, object("name", "n", "email", "n\u0000@x.io"), JSON, 400,
                        "email: must not contain the character U+0000"),
                bad("a password with NUL", "PUT", user, object("name", "n", "email", "n@x.io", "password", "long enough\u0000"),
                        JSON, 400, "password: must not contain the character U+0000"),
                bad("a pack name with NUL", "POST", packs, object("name", "a\u0000b", "size", 1, "expiresAt", "2100-01-01T00:00:00Z"),
                        JSON, 400, "name: must not contain the character U+0000"),
                bad("a customer name with a lone high surrogate", "PUT", "/customers/{c}", "{\"name\": \"a\\ud800b\"}", JSON, 400,
                        "name: must not contain a lone surrogate (U+D800 at character 1)"),
                bad("a plan name with a lone low surrogate", "PUT", "/plans/lone", "{\"name\": \"\\udc00\", \"capacity\": 1}", JSON, 400,
                        "name: must not contain a lone surrogate (U+DC00 at character 0)"),
                bad("a user name that ends in half a pair", "PUT", user, "{\"name\": \"\\ud83d\\ude00\\ud83d\", \"email\": \"n@x.io\"}",
                        JSON, 400, "name: must not contain a lone surrogate (U+D83D at character 2)"),
                bad("a pack that expires after the year 294276", "POST", packs,
                        object("name", "p", "size", 1, "expiresAt", "+294277-01-01T00:00:00Z"), JSON, 400,
                        "expiresAt: must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z, not the string \"+294277-01-01T00:00:00Z\""),
                bad("a pack that expires in the year 10000", "POST", packs,
                        object("name", "p", "size", 1, "expiresAt", "+10000-01-01T00:00:00Z"), JSON, 400,
                        "expiresAt: must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z"),
                bad("a pack active from 4714 BC", "POST", packs,
                        object("name", "p", "size", 1, "activeFrom", "-4714-01-01T00:00:00Z", "expiresAt", "2100-01-01T00:00:00Z"),
                        JSON, 400, "activeFrom: must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z"),
                bad("a pack active from the year 0", "POST", packs,
                        object("name", "p", "size", 1, "activeFrom", "0000-12-31T23:59:59.999999Z", "expiresAt", "2100-01-01T00:00:00Z"),
                        JSON, 400, "activeFrom: must be from 0001-01-01T00:00:00Z"),
                bad("a body that names a field twice", "PUT", "/plans/twice", "{\"name\": \"a\", \"capacity\": 1, \"name\": \"b\"}",
                        JSON, 400, "name: is named twice in one object"),
                bad("a batch record that names a field twice", "POST", batch,
                        "{\"records\": [{\"space\": 1, \"asset\": \"x\", \"size\": 1}, {\"space\": 1, \"asset\": \"y\", \"size\": 1, \"size\": 5}]}",
                        JSON, 400, "records[1].size: is named twice in one object"),
                bad("a body whose second value of a field would win over the first", "PUT", "/customers/{c}",
                        "{\"name\": \"x\", \"storagePolicy\": \"default\", \"storagePolicy\": \"nope\"}", JSON, 400,
                        "storagePolicy: is named twice"),
                bad("an id with an encoded NUL", "GET", "/plans/a%00b", null, null, 400, "rejected"),
                bad("an id with an encoded lone surrogate", "GET", "/plans/a%ED%A0%80b", null, null, 400, "rejected"),
                bad("an id with an encoded control character", "GET", "/customers/{c}/users/a%01b", null, null, 400, "user"),
                bad("an unsupported method", "PATCH", "/customers/{c}/storage", object(), JSON, 405, "PATCH"),
                bad("an unknown path", "GET", "/no/such/thing", null, null, 404, "/no/such/thing"),
                bad("an encoded slash in an id", "GET", "/customers/{c}/spaces/1/images/a%2Fb/storage", null, null, 400, "rejected"));
    }

    /** A row of the table; {@code body} is a Json node, or a String when its raw text is the problem, or null. */
    private static Arguments bad(String name, String method, String path, Object body, String contentType, int status, String detail) {
        return Arguments.argumentSet(name, method, path, body instanceof JsonNode node ? Json.text(node) : (String) body, contentType,
                status, detail);
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void a_bad_request_gets_a_problem_body_that_names_the_problem(String method, String path, String body, String contentType,
            int status, String detail) {
        LedgerClient.Response response = admin().send(method, path.replace("{c}", String.valueOf(customer)),
                body == null ? null : body.replace("{c}", String.valueOf(customer)), contentType);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("statusCode").asInt()).isEqualTo(status);
        assertThat(problem.get("@type").stringValue()).isEqualTo("Error");
        assertThat(problem.get("@context").stringValue()).endsWith("/contexts/Error.jsonld");
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("instance").stringValue()).startsWith("/");
        assertThat(problem.get("detail").stringValue()).contains(detail.replace("{c}", String.valueOf(customer)));
        assertThat(problem.get("description").stringValue()).isEqualTo(problem.get("detail").stringValue());
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "SELECT", "INSERT", "org.springframework", "tools.jackson");
    }

    @Test
    void nothing_changes_when_a_request_is_refused() {
        LedgerClient admin = admin();
        JsonNode before = admin.get("/customers/" + customer + "/storage").json();

        badRequests().forEach(arguments -> {
            Object[] values = arguments.get();
            admin.send((String) values[0], ((String) values[1]).replace("{c}", String.valueOf(customer)),
                    values[2] == null ? null : ((String) values[2]).replace("{c}", String.valueOf(customer)), (String) values[3]);
        });

        JsonNode after = admin.get("/customers/" + customer + "/storage").json();
        assertThat(after.get("numberOfStoredImages")).isEqualTo(before.get("numberOfStoredImages"));
        assertThat(after.get("totalSizeOfStoredImages")).isEqualTo(before.get("totalSizeOfStoredImages"));
        assertThat(admin.get("/customers/" + customer + "/spaces/1/images/ok/storage").status()).isEqualTo(404);
        assertThat(admin.get("/customers/" + customer + "/users/someone").status()).isEqualTo(404);
        assertThat(admin.get("/customers/" + customer + "/users/owner").json().get("used").asLong()).isEqualTo(10);
        assertThat(admin.get("/customers/" + customer + "/users/owner/storagePacks").json().get("totalItems").asLong()).isZero();
    }

    @Test
    void a_total_that_would_pass_the_largest_number_the_ledger_holds_is_refused_with_507() {
        LedgerClient admin = admin();
        int rich = newCustomerId();
        given.policy("unlimited", Long.MAX_VALUE, Long.MAX_VALUE);
        given.customer(rich, "unlimited");
        given.space(rich, 0);
        given.asset(rich, 0, "big", object("size", Long.MAX_VALUE));

        LedgerClient.Response overflow = admin.put("/customers/" + rich + "/spaces/0/images/one-more", object("size", 1));
        LedgerClient.Response batchOverflow = admin.post("/customers/" + rich + "/storageRecords",
                object("records", array(object("space", 0, "asset", "x", "size", Long.MAX_VALUE),
                        object("space", 0, "asset", "y", "size", Long.MAX_VALUE))));

        assertThat(overflow.status()).isEqualTo(507);
        assertThat(overflow.json().get("detail").stringValue()).contains("9223372036854775807");
        assertThat(batchOverflow.status()).isEqualTo(507);
        assertThat(admin.get("/customers/" + rich + "/storage").json().get("numberOfStoredImages").asLong()).isEqualTo(1);
    }
}
