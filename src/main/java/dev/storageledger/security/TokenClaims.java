package dev.storageledger.security;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import dev.storageledger.TokenSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The claims a token must have, of the types they must have, before anything reads them: Nimbus's
 * {@link DefaultJWTClaimsVerifier} (required claims, exact values, audience, exp and nbf with
 * {@link TokenService#CLOCK_SKEW}), then the checks of the claims the ledger reads as numbers or ids. A claim of
 * another type is a refused token, never a value read leniently (1001.9 or 2^32+1001 is no customer 1001).
 */
final class TokenClaims {

    static final String CUSTOMER = "customer";
    static final String SESSION = "sid";
    private static final String CUSTOMER_RULE = "an integer from 1 to " + Integer.MAX_VALUE;
    private static final Pattern DECIMAL = Pattern.compile("[1-9][0-9]{0,9}");

    private TokenClaims() {
    }

    /**
     * The customer of a claim of the ledger's own tokens: a JSON integer from 1 to 2^31-1 (Nimbus reads JSON integers
     * as Long, and anything with a fraction or an exponent as Double).
     */
    static OptionalInt customer(Object claim) {
        return claim instanceof Long number && number >= 1 && number <= Integer.MAX_VALUE
                ? OptionalInt.of(number.intValue())
                : OptionalInt.empty();
    }

    /**
     * The customer of a claim of an external issuer's tokens: as {@link #customer}, or the same number written as
     * decimal digits in a string (identity providers often write their claims as strings), without sign, leading
     * zero or anything else.
     */
    static OptionalInt externalCustomer(Object claim) {
        if (claim instanceof String text && DECIMAL.matcher(text).matches() && Long.parseLong(text) <= Integer.MAX_VALUE) {
            return OptionalInt.of(Integer.parseInt(text));
        }
        return customer(claim);
    }

    /** The verifier of the ledger's own tokens of one kind (token type, audience, and their longest lifetime). */
    static JWTClaimsSetVerifier<SecurityContext> own(String tokenType, String audience, Duration lifetime) {
        DefaultJWTClaimsVerifier<SecurityContext> standard = new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(TokenService.ISSUER).claim("token_type", tokenType).build(),
                Set.of("sub", "exp", "iat", "jti", CUSTOMER, SESSION), Set.of());
        standard.setMaxClockSkew((int) TokenService.CLOCK_SKEW.toSeconds());
        return (claims, context) -> {
            standard.verify(claims, context);
            if (customer(claims.getClaim(CUSTOMER)).isEmpty()) {
                throw new BadJWTException("The " + CUSTOMER + " claim must be " + CUSTOMER_RULE);
            }
            if (!(claims.getClaim(SESSION) instanceof String session) || !isUuid(session)) {
                throw new BadJWTException("The " + SESSION + " claim must be a session id");
            }
            Instant latest = Instant.now().plus(TokenService.CLOCK_SKEW);
            if (claims.getIssueTime().toInstant().isAfter(latest)) {
                throw new BadJWTException("The token was issued in the future");
            }
            if (claims.getExpirationTime().toInstant().isAfter(latest.plus(lifetime))) {
                throw new BadJWTException("The token lives longer than the ledger's " + tokenType + " tokens do");
            }
        };
    }

    /** The verifier of an external issuer's access tokens: its issuer, a subject, an expiry, and a customer. */
    static JWTClaimsSetVerifier<SecurityContext> external(TokenSettings.ExternalIssuer issuer) {
        DefaultJWTClaimsVerifier<SecurityContext> standard = new DefaultJWTClaimsVerifier<>(null,
                new JWTClaimsSet.Builder().issuer(issuer.issuer()).build(), Set.of("sub", "exp", issuer.customerClaim()), Set.of());
        standard.setMaxClockSkew((int) TokenService.CLOCK_SKEW.toSeconds());
        return (claims, context) -> {
            standard.verify(claims, context);
            if (externalCustomer(claims.getClaim(issuer.customerClaim())).isEmpty()) {
                throw new BadJWTException("The " + issuer.customerClaim() + " claim must be " + CUSTOMER_RULE);
            }
            Date issued = claims.getIssueTime();
            if (issued != null && issued.toInstant().isAfter(Instant.now().plus(TokenService.CLOCK_SKEW))) {
                throw new BadJWTException("The token was issued in the future");
            }
        };
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
