package dev.storageledger.security;

import dev.storageledger.LedgerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Lockouts after failed authentications (LedgerProperties.Throttle): Cloudreve logins by email and by client address,
 * and HTTP Basic authentications by client address. While locked, every attempt is refused without being tried, the
 * right password too, so guessing gets nowhere faster than the limits allow. Kept in each instance's memory: behind a
 * load balancer each instance counts the attempts it sees. Each lockout is logged and counted
 * ({@code ledger_authentication_lockouts_total{throttle}}).
 */
@Component
public class AuthenticationThrottle {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationThrottle.class);
    /** How many emails or addresses each throttle remembers (about 150 bytes each). */
    private static final int MAXIMUM_KEYS = 50_000;
    private static final String LOGIN_ACCOUNT = "login-account";
    private static final String LOGIN_CLIENT = "login-client";
    private static final String BASIC_CLIENT = "basic-client";

    private final FailureThrottle loginsByAccount;
    private final FailureThrottle loginsByClient;
    private final FailureThrottle basicByClient;
    private final boolean clientAddressFromForwarded;
    private final MeterRegistry metrics;

    @Autowired
    AuthenticationThrottle(LedgerProperties properties, MeterRegistry metrics) {
        this(properties.throttle(), metrics, System::nanoTime);
    }

    AuthenticationThrottle(LedgerProperties.Throttle settings, MeterRegistry metrics, LongSupplier nanoTime) {
        this.loginsByAccount = new FailureThrottle(settings.loginFailuresPerAccount(), settings.loginWindow(), MAXIMUM_KEYS, nanoTime);
        this.loginsByClient = new FailureThrottle(settings.loginFailuresPerClient(), settings.loginWindow(), MAXIMUM_KEYS, nanoTime);
        this.basicByClient = new FailureThrottle(settings.basicFailuresPerClient(), settings.basicWindow(), MAXIMUM_KEYS, nanoTime);
        this.clientAddressFromForwarded = settings.clientAddressFromForwarded();
        this.metrics = metrics;
        // Each lockout counter exists from the start, at zero, not from the first lockout.
        for (String throttle : List.of(LOGIN_ACCOUNT, LOGIN_CLIENT, BASIC_CLIENT)) {
            lockouts(throttle);
        }
    }

    /** Where a request comes from, as these throttles count it. */
    public ClientAddress client(HttpServletRequest request) {
        return ClientAddress.of(request, clientAddressFromForwarded);
    }

    /** How much longer logins of this email, or from this address, are refused; empty when they are not. */
    Optional<Duration> loginRefused(String email, ClientAddress client) {
        return longer(loginsByAccount.lockedFor(account(email)), loginsByClient.lockedFor(client.address()));
    }

    void loginFailed(String email, ClientAddress client) {
        loginsByAccount.failed(account(email)).ifPresent(lock -> locked(LOGIN_ACCOUNT, "logins of an email", lock));
        loginsByClient.failed(client.address()).ifPresent(lock -> locked(LOGIN_CLIENT, "logins from " + client.address(), lock));
    }

    /** The account's owner has proved who they are: its failures are forgotten (its address's are not). */
    void loginSucceeded(String email) {
        loginsByAccount.succeeded(account(email));
    }

    /** How much longer HTTP Basic authentications from this address are refused; empty when they are not. */
    Optional<Duration> basicRefused(ClientAddress client) {
        return basicByClient.lockedFor(client.address());
    }

    void basicFailed(ClientAddress client) {
        basicByClient.failed(client.address()).ifPresent(lock -> locked(BASIC_CLIENT, "HTTP Basic authentications from "
                + client.address(), lock));
    }

    private void locked(String throttle, String what, Duration lock) {
        // The email is not logged: a mistyped password is sometimes typed into the email field.
        log.warn("Too many failed authentications: {} refused for {} s", what, lock.toSeconds());
        lockouts(throttle).increment();
    }

    /** ledger_authentication_lockouts_total{throttle}: login-account, login-client or basic-client. */
    private Counter lockouts(String throttle) {
        return Counter.builder("ledger.authentication.lockouts").tag("throttle", throttle)
                .description("Lockouts after too many failed authentications").register(metrics);
    }

    /** Emails are compared as the ledger keeps them unique: without case. */
    private static String account(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static Optional<Duration> longer(Optional<Duration> one, Optional<Duration> other) {
        if (one.isEmpty()) {
            return other;
        }
        return other.filter(wait -> wait.compareTo(one.get()) > 0).or(() -> one);
    }
}
