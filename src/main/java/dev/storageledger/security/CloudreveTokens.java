package dev.storageledger.security;

import dev.storageledger.SettingsException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import dev.storageledger.TokenSettings;
import dev.storageledger.account.AccountService;
import dev.storageledger.account.User;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * The access tokens of a Cloudreve site in front of the ledger (TokenSettings.Cloudreve), taken by
 * GET /api/v4/user/capacity only, so that Cloudreve's own web frontend reads its users' capacity unchanged.
 *
 * <p>Cloudreve signs its tokens with HS256 and its site's secret; an access token has the claim
 * {@code token_type: "access"}, an expiry, and as {@code sub} the hash id (Cloudreve's Hashids with its salt, the
 * default alphabet and no minimum length) of the pair [user id, 1], 1 being the type of user ids. Such a token names
 * the user with the decimal id n of the configured customer, who must exist in the ledger. Refresh tokens and tokens
 * of any other type, another secret, another algorithm, another hash id type, without an expiry or expired beyond
 * {@link TokenService#CLOCK_SKEW} are refused.
 */
@Component
class CloudreveTokens {

    static final String TOKEN_TYPE = "token_type";
    /** The type that Cloudreve pairs with a user's id in its hash ids. */
    static final long USER_ID_TYPE = 1;
    /** The shortest HS256 secret that may be used (RFC 7518 section 3.2: a key as long as the hash). */
    static final int MINIMUM_SECRET_BYTES = 32;

    private final TokenSettings.Cloudreve settings;
    private final AccountService accounts;
    private final Hashids hashids;
    private final JwtDecoder decoder;

    CloudreveTokens(TokenSettings tokens, AccountService accounts) {
        this.settings = tokens.cloudreve();
        this.accounts = accounts;
        if (settings.partlyConfigured()) {
            throw new SettingsException("Cloudreve's tokens need LEDGER_CLOUDREVE_SECRET, LEDGER_CLOUDREVE_HASHID_SALT and "
                    + "LEDGER_CLOUDREVE_CUSTOMER, but only some of them are set (" + settings + ")",
                    "Set all three to accept the access tokens of a Cloudreve site, or none of them.");
        }
        if (!settings.configured()) {
            this.hashids = null;
            this.decoder = null;
            return;
        }
        byte[] secret = settings.secret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < MINIMUM_SECRET_BYTES) {
            throw new SettingsException("LEDGER_CLOUDREVE_SECRET has " + secret.length + " bytes; an HS256 secret needs at least "
                    + MINIMUM_SECRET_BYTES, "Set it to the JWT secret of the Cloudreve site.");
        }
        this.hashids = new Hashids(settings.hashidSalt());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .jwtProcessorCustomizer(processor -> processor.setJWTClaimsSetVerifier(claims()))
                .build();
        JwtTimestampValidator times = new JwtTimestampValidator(TokenService.CLOCK_SKEW);
        times.setAllowEmptyExpiryClaim(false);
        decoder.setJwtValidator(times);
        this.decoder = decoder;
    }

    /** An access token (of the type, with a subject and an expiry) whose subject is the hash id of a user. */
    private JWTClaimsSetVerifier<SecurityContext> claims() {
        DefaultJWTClaimsVerifier<SecurityContext> standard = new DefaultJWTClaimsVerifier<>(null,
                new JWTClaimsSet.Builder().claim(TOKEN_TYPE, "access").build(), Set.of("sub", "exp"), Set.of());
        standard.setMaxClockSkew((int) TokenService.CLOCK_SKEW.toSeconds());
        return (claims, context) -> {
            standard.verify(claims, context);
            if (user(claims.getSubject()).isEmpty()) {
                throw new BadJWTException("The sub claim is no hash id of a Cloudreve user");
            }
        };
    }

    /** The user id of a Cloudreve hash id of a user. */
    private OptionalLong user(String subject) {
        Optional<long[]> numbers = hashids.decode(subject);
        if (numbers.isEmpty() || numbers.get().length != 2 || numbers.get()[1] != USER_ID_TYPE) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(numbers.get()[0]);
    }

    /**
     * The decoder of the capacity's bearer tokens: HS256 ones are Cloudreve's (refused while it is not configured);
     * every other one goes to {@code others}, the decoder of the ledger's own access tokens.
     */
    JwtDecoder decoder(JwtDecoder others) {
        return Base64UrlTokens.only(token -> {
            if (!isHs256(token)) {
                return others.decode(token);
            }
            if (decoder == null) {
                throw new BadJwtException("HS256 tokens are taken only from a configured Cloudreve site");
            }
            return decoder.decode(token);
        });
    }

    /** Turns a decoded token into its user: Cloudreve's by its subject, any other by {@code others}. */
    Converter<Jwt, AbstractAuthenticationToken> converter(Converter<Jwt, AbstractAuthenticationToken> others) {
        return jwt -> {
            if (!JWSAlgorithm.HS256.getName().equals(String.valueOf(jwt.getHeaders().get("alg")))) {
                return others.convert(jwt);
            }
            // Only the Cloudreve decoder passes an HS256 token, and it checked that the subject decodes.
            String id = Long.toString(user(jwt.getSubject()).orElseThrow());
            User user = accounts.session(settings.customer(), id).orElseThrow(() -> new InvalidBearerTokenException(
                    "The token's Cloudreve user " + id + " is no user of customer " + settings.customer()));
            return UserSessions.authenticated(new UserPrincipal(user.customer(), user.id(), user.roles()));
        };
    }

    private static boolean isHs256(String token) {
        try {
            return JWSAlgorithm.HS256.equals(JWSObject.parse(token).getHeader().getAlgorithm());
        } catch (ParseException e) {
            return false;
        }
    }
}
