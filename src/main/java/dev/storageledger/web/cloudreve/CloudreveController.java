package dev.storageledger.web.cloudreve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.account.User;
import dev.storageledger.failure.Failure;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Limit;
import dev.storageledger.ledger.read.OwnerStorage;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.security.AuthenticationThrottle;
import dev.storageledger.security.TokenService;
import dev.storageledger.security.UserPrincipal;
import dev.storageledger.security.UserSessions;
import dev.storageledger.web.JsonObject;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Cloudreve v4's session and capacity endpoints (seed 003, api.md "Cloudreve surface"). */
@RestController
class CloudreveController {

    private static final int MAXIMUM_CREDENTIAL_LENGTH = 320;

    private final UserSessions sessions;
    private final AuthenticationThrottle throttle;
    private final StorageReader storage;

    CloudreveController(UserSessions sessions, AuthenticationThrottle throttle, StorageReader storage) {
        this.sessions = sessions;
        this.throttle = throttle;
        this.storage = storage;
    }

    @OperationDocumentation(id = "login", tag = Tag.CLOUDREVE, caller = Caller.ANYONE, summary = "Log in",
            description = "Issues an access token (RS256, typ at+jwt) and a refresh token. Wrong credentials: code "
                    + "40020; too many failed logins: code 429 with Retry-After.",
            body = "LoginRequest", failures = {})
    @PostMapping("/api/v4/session/token")
    CloudreveResponse<SignedIn> login(@RequestBody JsonNode body, HttpServletRequest request) {
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, "", problems, Set.of("email", "password"));
        String email = fields == null ? null : fields.text("email", true, MAXIMUM_CREDENTIAL_LENGTH);
        String password = fields == null ? null : fields.text("password", true, MAXIMUM_CREDENTIAL_LENGTH);
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        return sessions.login(email, password, throttle.client(request)).map(SignedIn::of).map(CloudreveResponse::success)
                .orElseThrow(() -> new CloudreveException(CloudreveResponse.CREDENTIAL_INVALID, "Incorrect email or password"));
    }

    @OperationDocumentation(id = "refreshToken", tag = Tag.CLOUDREVE, caller = Caller.ANYONE,
            summary = "Refresh the tokens",
            description = "A new pair for a valid refresh token; otherwise code 40020.",
            body = "RefreshRequest", failures = {})
    @PostMapping("/api/v4/session/token/refresh")
    CloudreveResponse<SignedIn> refresh(@RequestBody JsonNode body) {
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, "", problems, Set.of("refresh_token"));
        String token = fields == null ? null : fields.text("refresh_token", true, 8192);
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        return sessions.refresh(token).map(SignedIn::of).map(CloudreveResponse::success)
                .orElseThrow(() -> new CloudreveException(CloudreveResponse.CREDENTIAL_INVALID,
                        "The refresh token is invalid or has expired; log in again"));
    }

    @OperationDocumentation(id = "getCapacity", tag = Tag.CLOUDREVE, caller = Caller.USER,
            summary = "Read the user's capacity",
            description = "total (base capacity + active packs), used (size and thumbnails of what the user owns) "
                    + "and storage_pack_total. Without a valid access token: code 401.",
            failures = {})
    @GetMapping("/api/v4/user/capacity")
    CloudreveResponse<Capacity> capacity(@AuthenticationPrincipal UserPrincipal user) {
        OwnerStorage owner = storage.owner(user.customer(), user.user());
        return CloudreveResponse.success(Capacity.of(owner.usage(), owner.capacity()));
    }

    @JsonPropertyOrder({"total", "used", "storage_pack_total"})
    record Capacity(long total, long used, @JsonProperty("storage_pack_total") long storagePackTotal) {

        static Capacity of(Usage usage, Limit.Capacity capacity) {
            return new Capacity(capacity.total(), usage.bytesUsed(), capacity.packs());
        }
    }

    @JsonPropertyOrder({"user", "token"})
    record SignedIn(CloudreveUser user, Token token) {

        static SignedIn of(UserSessions.SignedIn signedIn) {
            return new SignedIn(CloudreveUser.of(signedIn.user()), Token.of(signedIn.tokens()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "email", "nickname", "created_at", "group"})
    record CloudreveUser(String id, String email, String nickname, @JsonProperty("created_at") String createdAt, Group group) {

        static CloudreveUser of(User user) {
            return new CloudreveUser(user.id(), user.email(), user.name(), user.createdAt().toString(),
                    user.plan() == null ? null : new Group(user.plan()));
        }
    }

    /** The user's plan, as Cloudreve calls it. */
    record Group(String id) {
    }

    @JsonPropertyOrder({"access_token", "refresh_token", "access_expires", "refresh_expires"})
    record Token(@JsonProperty("access_token") String accessToken, @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("access_expires") String accessExpires, @JsonProperty("refresh_expires") String refreshExpires) {

        static Token of(TokenService.TokenPair pair) {
            return new Token(pair.accessToken(), pair.refreshToken(), pair.accessExpires().toString(), pair.refreshExpires().toString());
        }
    }
}
