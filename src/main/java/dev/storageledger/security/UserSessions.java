package dev.storageledger.security;

import dev.storageledger.TokenSettings;
import dev.storageledger.account.AccountService;
import dev.storageledger.account.Emails;
import dev.storageledger.account.Role;
import dev.storageledger.account.User;
import dev.storageledger.failure.Failure;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Service;

/**
 * Users' sessions: login with an email and password, refresh with a refresh token, and turning a valid access
 * token into the user it names. A token counts only while its user exists and is in the session the token was
 * issued in (a new password starts a new one), and the user's roles are read now, not from the token.
 */
@Service
public class UserSessions implements Converter<Jwt, AbstractAuthenticationToken> {

    private final AccountService accounts;
    private final TokenService tokens;
    private final AuthenticationThrottle throttle;
    private final TokenSettings.ExternalIssuer external;

    UserSessions(AccountService accounts, TokenService tokens, AuthenticationThrottle throttle, TokenSettings settings) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.throttle = throttle;
        this.external = settings.external();
    }

    /** A user and the tokens just issued to them. */
    public record SignedIn(User user, TokenService.TokenPair tokens) {
    }

    /**
     * Empty when no user has this email and password.
     *
     * @throws Failure invalid when the email could pass for another ({@link Emails})
     * @throws Failure (too many requests, with the time to wait) while logins of this email or from this client are
     *                 locked out after too many failures; the password is not even tried then
     */
    public Optional<SignedIn> login(String given, String password, ClientAddress client) {
        // Normalised before it is counted, so that each form of an address counts as that one address.
        String email = Emails.normalise(given);
        throttle.loginRefused(email, client).ifPresent(wait -> {
            throw Failure.tooManyRequests("Too many failed logins of this email or from this address: try again in "
                    + Math.max(1, wait.toSeconds()) + " s", wait);
        });
        Optional<SignedIn> signedIn = accounts.login(email, password)
                .flatMap(login -> accounts.session(login.customer(), login.user(), login.session())
                        .map(user -> new SignedIn(user, tokens.issue(user.customer(), user.id(), login.session(), Instant.now()))));
        if (signedIn.isPresent()) {
            throttle.loginSucceeded(email, client);
        } else {
            throttle.loginFailed(email, client);
        }
        return signedIn;
    }

    /** A new pair of tokens for the session of a valid refresh token; empty when it is not one. */
    public Optional<SignedIn> refresh(String refreshToken) {
        Jwt jwt;
        try {
            jwt = tokens.decodeRefreshToken(refreshToken);
        } catch (JwtException e) {
            return Optional.empty();
        }
        return current(jwt).map(current -> new SignedIn(current.user(),
                tokens.issue(current.user().customer(), current.user().id(), current.session(), Instant.now())));
    }

    private record Current(User user, UUID session) {
    }

    /** The user and session of a token the decoder has validated (which checked the types of its claims too). */
    private Optional<Current> current(Jwt jwt) {
        OptionalInt customer = TokenClaims.customer(jwt.getClaims().get(TokenClaims.CUSTOMER));
        if (customer.isEmpty() || jwt.getSubject() == null || !(jwt.getClaims().get(TokenClaims.SESSION) instanceof String sid)) {
            return Optional.empty();
        }
        UUID session;
        try {
            session = UUID.fromString(sid);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return accounts.session(customer.getAsInt(), jwt.getSubject(), session).map(user -> new Current(user, session));
    }

    /** An access token that the decoder has validated, as the user it names now. */
    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        if (!TokenService.isOwn(jwt)) {
            return new Authenticated(external(jwt));
        }
        User user = current(jwt).map(Current::user).orElseThrow(
                () -> new InvalidBearerTokenException("The token's user no longer exists, or has signed in again since"));
        return new Authenticated(new UserPrincipal(user.customer(), user.id(), user.roles()));
    }

    /**
     * A user of the external issuer: "sub" of the customer its customer claim names, who must be a user of the
     * ledger (whose figures are the ledger's); their roles are the issuer's, read from its role claim.
     */
    private UserPrincipal external(Jwt jwt) {
        OptionalInt customer = TokenClaims.externalCustomer(jwt.getClaims().get(external.customerClaim()));
        if (customer.isEmpty() || jwt.getSubject() == null || accounts.session(customer.getAsInt(), jwt.getSubject()).isEmpty()) {
            throw new InvalidBearerTokenException("The token names no user of the ledger (claims sub and "
                    + external.customerClaim() + ")");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object roleClaim = jwt.getClaims().get(external.roleClaim());
        Collection<?> named = switch (roleClaim) {
            case Collection<?> list -> list;
            case String text -> List.of(text.split("[\\s,]+"));
            case null, default -> List.of();
        };
        named.forEach(role -> Role.of(String.valueOf(role)).ifPresent(roles::add));
        return new UserPrincipal(customer.getAsInt(), jwt.getSubject(), roles);
    }

    /** The authentication of a user whose token has been verified. */
    static AbstractAuthenticationToken authenticated(UserPrincipal principal) {
        return new Authenticated(principal);
    }

    private static final class Authenticated extends AbstractAuthenticationToken {

        private final UserPrincipal principal;

        Authenticated(UserPrincipal principal) {
            super(List.of(new SimpleGrantedAuthority("ROLE_USER")));
            this.principal = principal;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public UserPrincipal getPrincipal() {
            return principal;
        }
    }
}
