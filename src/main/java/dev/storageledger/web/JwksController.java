package dev.storageledger.web;

import dev.storageledger.security.SigningKeys;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The keys users' tokens are signed with: their public halves for anyone who verifies tokens (RFC 7517 JWK Set),
 * and their rotation by the administrator (who alone may POST here: SecurityConfiguration).
 */
@RestController
class JwksController {

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @OperationDocumentation(id = "getJwks", tag = Tag.ADMINISTRATION, caller = Caller.ANYONE,
            summary = "Read the keys that verify users' tokens",
            description = "The JWK Set (RFC 7517) of the public halves of the signing keys.",
            failures = {400, 503})
    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return keys.jwks();
    }

    /**
     * A new key signs from now on; the keys it replaces still verify the tokens they signed until those expire, and
     * keys whose tokens have all expired are removed. Answers the key that signs, every key that verifies, and the
     * keys removed.
     */
    @OperationDocumentation(id = "rotateSigningKeys", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Rotate the key that signs users' tokens",
            description = "A new key signs from now on; replaced keys stay in the JWK Set until every token they "
                    + "signed has expired.",
            failures = {400, 401, 403, 429, 503})
    @PostMapping("/admin/signing-keys/rotation")
    SigningKeys.Rotation rotate() {
        return keys.rotate();
    }
}
