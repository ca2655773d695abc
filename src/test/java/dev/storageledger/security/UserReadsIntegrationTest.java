package dev.storageledger.security;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Users' access tokens on the administration and DLCS resources (what the dashboard reads with): an organisation
 * administrator reads their own customer's resources, any user reads their own; none reads another customer's or
 * another user's, and a token writes nothing there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserReadsIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "correct horse battery";

    private int customerA;
    private int customerB;
    private String organisationAdministratorOfA;
    private String originatorOfA;
    private String organisationAdministratorOfB;

    @BeforeAll
    void twoCustomersWithTheirUsers() {
        customerA = newCustomerId();
        customerB = newCustomerId();
        for (int customer : List.of(customerA, customerB)) {
            given.customer(customer);
            given.space(customer, 1);
            given.user(customer, "boss", object("password", PASSWORD, "roles", List.of("organisationAdministrator")));
            given.user(customer, "member", object("password", PASSWORD, "roles", List.of("originator"), "quota", 1000));
            given.pack(customer, "member", "extra", 100, Instant.now().plus(30, ChronoUnit.DAYS));
            given.asset(customer, 1, "a1", object("size", 10, "owner", "member"));
        }
        organisationAdministratorOfA = accessToken(customerA, "boss");
        originatorOfA = accessToken(customerA, "member");
        organisationAdministratorOfB = accessToken(customerB, "boss");
    }

    private String accessToken(int customer, String user) {
        return login(Given.email(customer, user), PASSWORD).get("access_token").stringValue();
    }

    /** Path ({A}: customer A, {B}: customer B), then the statuses for: A's organisation administrator, A's originator "member". */
    static Stream<Arguments> reads() {
        return Stream.of(
                row("/customers/{A}", 200, 403),
                row("/customers/{A}/storage", 200, 403),
                row("/customers/{A}/quota", 200, 403),
                row("/customers/{A}/storage/history", 200, 403),
                row("/customers/{A}/spaces/1", 200, 403),
                row("/customers/{A}/spaces/1/storage", 200, 403),
                row("/customers/{A}/spaces/1/quota", 200, 403),
                row("/customers/{A}/spaces/1/images/a1/storage", 200, 403),
                row("/customers/{A}/webhooks", 200, 403),
                row("/customers/{A}/users/member", 200, 200),
                row("/customers/{A}/users/member/storagePacks", 200, 200),
                row("/customers/{A}/users/member/quota", 200, 200),
                row("/customers/{A}/users/member/storage/history", 200, 200),
                row("/customers/{A}/users/boss", 200, 403),
                row("/customers/{A}/users/boss/quota", 200, 403),
                row("/customers/{A}/keys", 403, 403),
                row("/customers/{B}", 403, 403),
                row("/customers/{B}/quota", 403, 403),
                row("/customers/{B}/storage/history", 403, 403),
                row("/customers/{B}/users/member", 403, 403),
                row("/customers/{B}/users/member/storagePacks", 403, 403),
                row("/actuator/prometheus", 403, 403));
    }

    private static Arguments row(String path, int organisationAdministrator, int originator) {
        return Arguments.of(path, organisationAdministrator, originator);
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("reads")
    void a_user_reads_what_their_role_lets_them(String path, int organisationAdministrator, int originator) {
        String resolved = path.replace("{A}", String.valueOf(customerA)).replace("{B}", String.valueOf(customerB));

        assertThat(bearer(organisationAdministratorOfA).get(resolved).status()).as("organisation administrator: GET %s", resolved)
                .isEqualTo(organisationAdministrator);
        assertThat(bearer(originatorOfA).get(resolved).status()).as("originator: GET %s", resolved).isEqualTo(originator);
    }

    @Test
    void the_figures_a_user_reads_are_those_of_their_own_customer() {
        LedgerClient boss = bearer(organisationAdministratorOfB);

        assertThat(boss.get("/customers/" + customerB + "/users/member").json().get("used").asLong()).isEqualTo(10);
        assertThat(boss.get("/customers/" + customerB + "/storage").json().get("totalSizeOfStoredImages").asLong()).isEqualTo(10);
        assertThat(boss.get("/customers/" + customerA + "/storage").status()).isEqualTo(403);
    }

    @Test
    void a_token_writes_nothing() {
        LedgerClient boss = bearer(organisationAdministratorOfA);
        String customer = "/customers/" + customerA;

        assertThat(boss.post(customer + "/keys", null).status()).isEqualTo(403);
        assertThat(boss.put(customer + "/users/someone", object("name", "x", "email", "someone-" + customerA + "@example.com")).status())
                .isEqualTo(403);
        assertThat(boss.post(customer + "/users/member/storagePacks", object("name", "p", "size", 1, "expiresAt", "2100-01-01T00:00:00Z"))
                .status()).isEqualTo(403);
        assertThat(boss.put(customer + "/spaces/1/images/a2", object("size", 1)).status()).isEqualTo(403);
        assertThat(boss.post(customer + "/webhooks", object("url", "http://127.0.0.1:9/x", "events", List.of("quota.exceeded"))).status())
                .isEqualTo(403);
        assertThat(admin().get(customer + "/storage").json().get("numberOfStoredImages").asLong()).isEqualTo(1);
    }

    @Test
    void a_refresh_token_or_a_forged_one_is_refused_with_the_bearer_challenge() {
        String refreshToken = login(Given.email(customerA, "boss"), PASSWORD).get("refresh_token").stringValue();

        for (String token : List.of(refreshToken, "not-a-token")) {
            LedgerClient.Response answer = bearer(token).get("/customers/" + customerA + "/storage");
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }
}
