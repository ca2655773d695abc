package dev.storageledger.security;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storageledger.LedgerProperties;
import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Guessing from outside, as an attacker did it: wrong passwords at Cloudreve's login and wrong secrets with HTTP
 * Basic, as fast as the service answers. After the limits of the settings (their defaults here), every attempt is
 * refused with a time to wait, the right password and secret too. Each test guesses from a client address of its own
 * (127.0.0.0/8 is all this machine), so that the lockouts of one are not another's.
 */
class AuthenticationThrottleIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    private LedgerProperties properties;

    @Test
    void a_user_whose_password_was_guessed_wrong_too_often_from_one_address_is_refused_there_even_the_right_one() {
        int customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "victim", object("password", PASSWORD));
        given.user(customer, "neighbour", object("password", PASSWORD));
        String email = Given.email(customer, "victim");
        LedgerClient attacker = anonymous().from("127.0.0.41");
        int limit = properties.throttle().loginFailuresPerAccount();

        for (int guess = 0; guess < limit; guess++) {
            assertThat(login(attacker, email, "guess " + guess).json().get("code").asInt()).isEqualTo(40020);
        }

        LedgerClient.Response right = login(attacker, email, PASSWORD);
        assertThat(right.status()).as("Cloudreve's failures keep HTTP 200").isEqualTo(200);
        assertThat(right.json().get("code").asInt()).isEqualTo(429);
        assertThat(right.json().has("data")).isFalse();
        assertThat(right.json().get("msg").asString()).contains("Too many failed logins");
        assertThat(Long.parseLong(right.header("Retry-After"))).isBetween(1L, properties.throttle().loginWindow().toSeconds());
        // Upper case, from the same address: the same account, locked all the same.
        assertThat(login(attacker, email.toUpperCase(java.util.Locale.ROOT), PASSWORD).json().get("code").asInt()).isEqualTo(429);
        // The owner, from an address of their own, is not locked out by someone else's guesses.
        assertThat(login(anonymous().from("127.0.0.42"), email, PASSWORD).json().get("code").asInt()).isZero();
        // The attacker's address itself is under its own limit: another user logs in from it.
        assertThat(login(attacker, Given.email(customer, "neighbour"), PASSWORD).json().get("code").asInt()).isZero();
    }

    @Test
    void guesses_at_one_account_spread_over_many_addresses_lock_it_everywhere_at_the_higher_limit() {
        int customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "target", object("password", PASSWORD));
        String email = Given.email(customer, "target");
        int perAddress = properties.throttle().loginFailuresPerAccount();
        int everywhere = properties.throttle().loginFailuresPerAccountAllAddresses();
        assertThat(everywhere).as("the limit over all addresses is the higher one").isGreaterThan(perAddress);

        for (int guess = 0; guess < everywhere; guess++) {
            // A new address before each one reaches its own limit on the account.
            LedgerClient attacker = anonymous().from("127.0.2." + (1 + guess / perAddress));
            assertThat(login(attacker, email, "guess " + guess).json().get("code").asInt()).as("guess %d", guess).isEqualTo(40020);
        }

        LedgerClient.Response owner = login(anonymous().from("127.0.0.48"), email, PASSWORD);
        assertThat(owner.json().get("code").asInt()).isEqualTo(429);
        assertThat(owner.header("Retry-After")).isNotNull();
    }

    @Test
    void behind_a_trusted_proxy_basic_guesses_count_against_the_address_the_proxy_added_not_the_ones_the_client_wrote() {
        String storage = storageOfANewCustomer();
        LedgerClient guesser = as(ADMIN_KEY, "not the secret").from("127.0.1.10");
        int limit = properties.throttle().basicFailuresPerClient();

        // The proxy appends the address it saw (203.0.113.20) to whatever the client wrote, a new one each time.
        for (int guess = 0; guess < limit; guess++) {
            assertThat(throughProxy(guesser, storage, "198.51.100." + guess + ", 203.0.113.20").status())
                    .isEqualTo(401);
        }

        LedgerClient.Response right = throughProxy(admin().from("127.0.1.10"), storage, "198.51.100.250, 203.0.113.20");
        assertThat(right.status()).as(right.body()).isEqualTo(429);
        // Another client of the same proxy is served.
        assertThat(throughProxy(admin().from("127.0.1.10"), storage, "203.0.113.21").status()).isEqualTo(200);
    }

    @Test
    void a_client_that_writes_the_administrators_address_behind_a_trusted_proxy_does_not_lock_the_administrator_out() {
        String storage = storageOfANewCustomer();
        LedgerClient spoofer = as(ADMIN_KEY, "not the secret").from("127.0.1.11");
        int limit = properties.throttle().basicFailuresPerClient();

        for (int guess = 0; guess <= limit; guess++) {
            throughProxy(spoofer, storage, "203.0.113.30, 203.0.113.31");
        }

        assertThat(throughProxy(admin().from("127.0.1.11"), storage, "203.0.113.31").status()).as("the spoofer's own address is locked")
                .isEqualTo(429);
        assertThat(throughProxy(admin().from("127.0.1.11"), storage, "203.0.113.30").status()).as("the administrator's address is not")
                .isEqualTo(200);
    }

    @Test
    void a_trusted_proxy_that_is_no_address_or_range_stops_the_start_naming_it() throws Exception {
        try (ServiceProcess refused = startInstance("trusted-proxies-invalid", Map.of("LEDGER_TRUSTED_PROXIES", "10.0.0.0/8, proxy.example.org"))) {
            assertThatThrownBy(() -> refused.awaitHealth(Duration.ofSeconds(180))).hasMessageContaining("exited");
        }

        assertThat(Files.readString(Path.of("target", "instance-trusted-proxies-invalid.log"))).contains("APPLICATION FAILED TO START",
                "LEDGER_TRUSTED_PROXIES: 'proxy.example.org' is not an IP address or a CIDR range").doesNotContain("\tat dev.storageledger");
    }

    @Test
    void a_successful_login_forgets_the_failures_of_its_account() {
        int customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "forgetful", object("password", PASSWORD));
        String email = Given.email(customer, "forgetful");
        LedgerClient user = anonymous().from("127.0.0.43");
        int limit = properties.throttle().loginFailuresPerAccount();

        for (int round = 0; round < 2; round++) {
            for (int typo = 0; typo < limit - 1; typo++) {
                assertThat(login(user, email, "typo " + typo).json().get("code").asInt()).isEqualTo(40020);
            }
            assertThat(login(user, email, PASSWORD).json().get("code").asInt()).as("round %d", round).isZero();
        }
    }

    @Test
    void an_address_that_failed_too_many_logins_over_many_emails_is_refused_for_every_account() {
        int customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "bystander", object("password", PASSWORD));
        String email = Given.email(customer, "bystander");
        LedgerClient sprayer = anonymous().from("127.0.0.44");
        int limit = properties.throttle().loginFailuresPerClient();

        for (int guess = 0; guess < limit; guess++) {
            // One guess per email, so that no account reaches its own limit.
            JsonNode refused = login(sprayer, "nobody-" + guess + "-" + customer + "@example.com", "password").json();
            assertThat(refused.get("code").asInt()).isEqualTo(40020);
        }

        LedgerClient.Response fromThere = login(sprayer, email, PASSWORD);
        assertThat(fromThere.json().get("code").asInt()).isEqualTo(429);
        assertThat(fromThere.header("Retry-After")).isNotNull();
        // A forged X-Forwarded-For does not make the address another one.
        LedgerClient.Response forged = sprayer.send("POST", "/api/v4/session/token", object("email", email, "password", PASSWORD).toString(),
                "application/json", "X-Forwarded-For: 203.0.113.7");
        assertThat(forged.json().get("code").asInt()).isEqualTo(429);
        assertThat(login(anonymous().from("127.0.0.45"), email, PASSWORD).json().get("code").asInt()).isZero();
    }

    @Test
    void http_basic_guesses_from_one_address_are_refused_with_429_after_the_limit_even_with_the_right_secret() {
        String storage = storageOfANewCustomer();
        LedgerClient guesser = as(ADMIN_KEY, "not the secret").from("127.0.0.46");
        int limit = properties.throttle().basicFailuresPerClient();

        for (int guess = 0; guess < limit; guess++) {
            assertThat(guesser.get(storage).status()).isEqualTo(401);
        }

        LedgerClient.Response right = admin().from("127.0.0.46").get(storage);
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.contentType()).startsWith("application/problem+json");
        assertThat(right.json().get("title").asString()).isEqualTo("Too Many Requests");
        assertThat(right.json().get("detail").asString()).contains("Too many failed authentications from this address");
        assertThat(Long.parseLong(right.header("Retry-After"))).isBetween(1L, properties.throttle().basicWindow().toSeconds());
        LedgerClient.Response forged = admin().from("127.0.0.46").send("GET", storage, null, null, "X-Forwarded-For: 203.0.113.8");
        assertThat(forged.status()).as("a forged X-Forwarded-For does not make the address another one").isEqualTo(429);
        // What needs no credentials is still served to that address, and the administrator elsewhere is served.
        assertThat(anonymous().from("127.0.0.46").get("/storagePolicies/default").status()).isEqualTo(200);
        assertThat(admin().get(storage).status()).isEqualTo(200);
    }

    /** The storage of a customer made for the test: a path that needs a key. */
    private String storageOfANewCustomer() {
        int customer = newCustomerId();
        given.customer(customer);
        return "/customers/" + customer + "/storage";
    }

    /** A GET as a proxy (a client from 127.0.1.0/24, the tests' trusted proxies) forwards it. */
    private static LedgerClient.Response throughProxy(LedgerClient proxy, String path, String forwardedFor) {
        return proxy.send("GET", path, null, null, "X-Forwarded-For: " + forwardedFor);
    }

    private static LedgerClient.Response login(LedgerClient client, String email, String password) {
        return client.post("/api/v4/session/token", object("email", email, "password", password));
    }
}
