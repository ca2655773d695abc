package dev.storageledger.security;

import dev.storageledger.TokenSettings;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A hand-written fake of users' sessions for web-slice tests that do not sign anybody in: no email and password
 * logs in, no refresh token is valid, and no access token names a user. It has neither accounts, a token service nor
 * a throttle (the real ones need the database); every method of the real sessions is replaced, so neither is ever asked.
 */
public final class NoUserSessions extends UserSessions {

    public NoUserSessions(TokenSettings tokens) {
        super(null, null, null, tokens);
    }

    @Override
    public Optional<SignedIn> login(String email, String password, ClientAddress client) {
        return Optional.empty();
    }

    @Override
    public Optional<SignedIn> refresh(String refreshToken) {
        return Optional.empty();
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        throw new InvalidBearerTokenException("No user has a session in this test");
    }
}
