package dev.storageledger.security;

import dev.storageledger.account.AccountService;
import dev.storageledger.account.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    UserSessions(AccountService accounts, TokenService tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** A user and the tokens just issued to them. */
    public record SignedIn(User user, TokenService.TokenPair tokens) {
    }

    /** Empty when no user has this email and password. */
    public Optional<SignedIn> login(String email, String password) {
        return accounts.login(email, password).flatMap(login -> accounts.session(login.customer(), login.user(), login.session())
                .map(user -> new SignedIn(user, tokens.issue(user.customer(), user.id(), login.session(), Instant.now()))));
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

    private Optional<Current> current(Jwt jwt) {
        if (!(jwt.getClaims().get("customer") instanceof Number customer) || jwt.getSubject() == null) {
            return Optional.empty();
        }
        UUID session;
        try {
            session = UUID.fromString(jwt.getClaimAsString("sid"));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
        return accounts.session(customer.intValue(), jwt.getSubject(), session).map(user -> new Current(user, session));
    }

    /** An access token that the decoder has validated, as the user it names now. */
    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        User user = current(jwt).map(Current::user).orElseThrow(
                () -> new InvalidBearerTokenException("The token's user no longer exists, or has signed in again since"));
        return new Authenticated(new UserPrincipal(user.customer(), user.id(), user.roles()));
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
