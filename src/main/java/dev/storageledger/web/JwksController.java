package dev.storageledger.web;

import dev.storageledger.security.TokenService;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public key that users' tokens are signed with, for anyone who verifies them (RFC 7517 JWK Set). */
@RestController
class JwksController {

    private final TokenService tokens;

    JwksController(TokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return tokens.jwks();
    }
}
