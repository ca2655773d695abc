package dev.storageledger.security;

import dev.storageledger.ledger.cache.ReadCache;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** HTTP Basic: the key is the user name, the secret the password. */
@Component
class KeyAuthenticationProvider implements AuthenticationProvider {

    static final String ADMIN = "ADMIN";
    static final String CUSTOMER = "CUSTOMER";
    private static final byte[] NO_SUCH_KEY = Secrets.hash(Secrets.generate());

    private final AdminCredentials admin;
    private final KeyRepository keys;
    private final AuthenticationThrottle throttle;
    private final ReadCache cache;

    KeyAuthenticationProvider(AdminCredentials admin, KeyRepository keys, AuthenticationThrottle throttle, ReadCache cache) {
        this.admin = admin;
        this.keys = keys;
        this.throttle = throttle;
        this.cache = cache;
    }

    private record KeyRead(String key) {
    }

    /** Checks the key and secret; a failure counts against the client's address (SecurityConfiguration puts it in the details). */
    @Override
    public Authentication authenticate(Authentication authentication) {
        try {
            return check(authentication);
        } catch (BadCredentialsException e) {
            if (authentication.getDetails() instanceof ClientAddress client) {
                throttle.basicFailed(client);
            }
            throw e;
        }
    }

    private Authentication check(Authentication authentication) {
        String key = authentication.getName();
        String secret = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (!printable(key) || !printable(secret)) {
            // No key or secret has such characters, and the database cannot compare a NUL: a plain wrong credential.
            throw new BadCredentialsException("wrong key or secret");
        }
        if (admin.key().equals(key)) {
            if (admin.matches(key, secret)) {
                return authenticated(Caller.admin(key), ADMIN);
            }
            throw new BadCredentialsException("wrong key or secret");
        }
        // From memory while its customer's keys are unchanged: a revoked key is refused at once in every instance.
        Optional<KeyRepository.StoredKey> stored = cache.read(new KeyRead(key), KeyRepository.StoredKey::customer, found -> true,
                () -> keys.find(key));
        // An unknown key is compared against a hash too, so that timing does not tell which keys exist.
        boolean matches = Secrets.matches(secret, stored.map(KeyRepository.StoredKey::secretHash).orElse(NO_SUCH_KEY));
        if (stored.isEmpty() || !matches) {
            throw new BadCredentialsException("wrong key or secret");
        }
        return authenticated(new Caller(key, stored.get().customer()), CUSTOMER);
    }

    /**
     * Whether a Basic key or secret is made of characters only: no control character (NUL, which PostgreSQL cannot
     * compare, and the rest) and no lone surrogate, whatever bytes the Base64 of the header decoded to.
     */
    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static Authentication authenticated(Caller caller, String role) {
        return UsernamePasswordAuthenticationToken.authenticated(caller, null, List.of(new SimpleGrantedAuthority("ROLE_" + role)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
