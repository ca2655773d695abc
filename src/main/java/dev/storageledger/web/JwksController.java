package dev.storageledger.web;

import dev.storageledger.security.SigningKeys;
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

    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return keys.jwks();
    }

    /**
     * A new key signs from now on; the keys it replaces still verify the tokens they signed until those expire, and
     * keys whose tokens have all expired are removed. Answers the key that signs, every key that verifies, and the
     * keys removed.
     */
    @PostMapping("/admin/signing-keys/rotation")
    SigningKeys.Rotation rotate() {
        return keys.rotate();
    }
}
