package dev.storageledger.security;

import dev.storageledger.LedgerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Lockouts after failed authentications (LedgerProperties.Throttle): Cloudreve logins by email and client address, by
 * email from all addresses, and by client address; HTTP Basic authentications by client address. While locked, every
 * attempt is refused without being tried, the right password too, so guessing gets nowhere faster than the limits
 * allow. Kept in each instance's memory: behind a load balancer each instance counts the attempts it sees. Each lockout
 * is logged and counted ({@code ledger_authentication_lockouts_total{throttle}}).
 *
 * <p>An email's failures are counted per address, so that whoever knows a user's email cannot lock that user out from
 * an address of their own: a guesser from one address gets the low limit, and the owner elsewhere is not locked.
 * Guesses spread over many addresses meet a second, much higher limit on the email from all addresses together: a
 * distributed guesser still gets only so many tries per window (100 by default: some 10,000 a day against one
 * account), and to lock the owner out takes failures from at least as many addresses as the two limits' ratio (10),
 * each of them also under its own limit across emails. A proof of work would spare the owner even then, but asks every
 * client, Cloudreve's own frontend among them, to compute it.
 */
@Component
public class AuthenticationThrottle {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationThrottle.class);
    /** How many emails or addresses each throttle remembers (about 150 bytes each). */
    private static final int MAXIMUM_KEYS = 50_000;
    private static final String LOGIN_ACCOUNT = "login-account";
    private static final String LOGIN_ACCOUNT_CLIENT = "login-account-client";
    private static final String LOGIN_CLIENT = "login-client";
    private static final String BASIC_CLIENT = "basic-client";

    private final FailureThrottle loginsByAccountAndClient;
    private final FailureThrottle loginsByAccount;
    private final FailureThrottle loginsByClient;
    private final FailureThrottle basicByClient;
    private final TrustedProxies proxies;
    private final MeterRegistry metrics;

    @Autowired
    AuthenticationThrottle(LedgerProperties.Throttle settings, MeterRegistry metrics) {
        this(settings, metrics, System::nanoTime);
    }

    AuthenticationThrottle(LedgerProperties.Throttle settings, MeterRegistry metrics, LongSupplier nanoTime) {
        this.loginsByAccountAndClient = new FailureThrottle(settings.loginFailuresPerAccount(), settings.loginWindow(), MAXIMUM_KEYS,
                nanoTime);
        this.loginsByAccount = new FailureThrottle(settings.loginFailuresPerAccountAllAddresses(), settings.loginWindow(), MAXIMUM_KEYS,
                nanoTime);
        this.loginsByClient = new FailureThrottle(settings.loginFailuresPerClient(), settings.loginWindow(), MAXIMUM_KEYS, nanoTime);
        this.basicByClient = new FailureThrottle(settings.basicFailuresPerClient(), settings.basicWindow(), MAXIMUM_KEYS, nanoTime);
        this.proxies = TrustedProxies.of(settings.trustedProxies(), settings.clientAddressFromForwarded());
        this.metrics = metrics;
        // Each lockout counter exists from the start, at zero, not from the first lockout.
        for (String throttle : List.of(LOGIN_ACCOUNT_CLIENT, LOGIN_ACCOUNT, LOGIN_CLIENT, BASIC_CLIENT)) {
            lockouts(throttle);
        }
    }

    /** Where a request comes from, as these throttles count it. */
    public ClientAddress client(HttpServletRequest request) {
        return ClientAddress.of(request, proxies);
    }

    /** How much longer logins of this email, or from this address, are refused; empty when they are not. */
    Optional<Duration> loginRefused(String email, ClientAddress client) {
        return longest(loginsByAccountAndClient.lockedFor(accountFrom(email, client)), loginsByAccount.lockedFor(account(email)),
                loginsByClient.lockedFor(client.address()));
    }

    void loginFailed(String email, ClientAddress client) {
        loginsByAccountAndClient.failed(accountFrom(email, client))
                .ifPresent(lock -> locked(LOGIN_ACCOUNT_CLIENT, "logins of an email from " + client.address(), lock));
        loginsByAccount.failed(account(email)).ifPresent(lock -> locked(LOGIN_ACCOUNT, "logins of an email from every address", lock));
        loginsByClient.failed(client.address()).ifPresent(lock -> locked(LOGIN_CLIENT, "logins from " + client.address(), lock));
    }

    /** The account's owner has proved who they are: its failures are forgotten (its address's are not). */
    void loginSucceeded(String email, ClientAddress client) {
        loginsByAccountAndClient.succeeded(accountFrom(email, client));
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

    /** ledger_authentication_lockouts_total{throttle}: login-account-client, login-account, login-client or basic-client. */
    private Counter lockouts(String throttle) {
        return Counter.builder("ledger.authentication.lockouts").tag("throttle", throttle)
                .description("Lockouts after too many failed authentications").register(metrics);
    }

    /** Emails are compared as the ledger keeps them unique: without case (they come normalised, as they are kept). */
    private static String account(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    /** An email from an address; one key per pair (an address holds no space, so the last " from " splits it). */
    private static String accountFrom(String email, ClientAddress client) {
        return account(email) + " from " + client.address();
    }

    private static Optional<Duration> longest(Optional<Duration> first, Optional<Duration> second, Optional<Duration> third) {
        return Stream.of(first, second, third).flatMap(Optional::stream).max(Comparator.naturalOrder());
    }
}
