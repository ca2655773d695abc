package dev.storageledger.security;

import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Every token the ledger decodes (its own access and refresh tokens, an external issuer's, a Cloudreve site's) is a
 * JWS in compact form, whose three parts are base64url without padding (RFC 7515), and nothing else: Nimbus would also
 * decode the standard alphabet's '+' and '/' and a padding '=', so one token could be written in several ways that all
 * verify, and a check made on the text of a token (a list of refused tokens, a log search) would miss its twins.
 */
final class Base64UrlTokens {

    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private Base64UrlTokens() {
    }

    /** {@code decoder}, refusing first a token that is not three parts of base64url without padding. */
    static JwtDecoder only(JwtDecoder decoder) {
        return token -> {
            if (token == null || !COMPACT.matcher(token).matches()) {
                throw new BadJwtException("The token is not three parts of base64url without padding");
            }
            return decoder.decode(token);
        };
    }
}
