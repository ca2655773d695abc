package dev.storageledger.web.admin;

import dev.storageledger.account.AccountService;
import dev.storageledger.account.Role;
import dev.storageledger.account.StoragePack;
import dev.storageledger.account.User;
import dev.storageledger.failure.Failure;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.security.Access;
import dev.storageledger.web.HydraCollection;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonObject;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A customer's users and their storage packs: managed by the administrator or by the customer's own keys. */
@RestController
class UserController {

    static final int MAXIMUM_NAME_LENGTH = 500;
    private static final int MAXIMUM_EMAIL_LENGTH = 320;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Set<String> USER_FIELDS = Set.of("name", "email", "password", "roles", "plan", "quota");
    private static final Set<String> PACK_FIELDS = Set.of("name", "size", "activeFrom", "expiresAt");

    private final AccountService accounts;
    private final StorageReader storage;
    private final PublicUrl publicUrl;

    UserController(AccountService accounts, StorageReader storage, PublicUrl publicUrl) {
        this.accounts = accounts;
        this.storage = storage;
        this.publicUrl = publicUrl;
    }

    /** Creates or replaces a user. A password left out keeps the current one; it is never shown. */
    @OperationDocumentation(id = "putUser", tag = Tag.ACCOUNTS, caller = Caller.CUSTOMER_KEY,
            summary = "Create or replace a user",
            description = "The password is write-only (kept as a bcrypt hash; left out, the current one stays; a new "
                    + "one ends every session). A user's base capacity is their quota, else their plan's capacity, "
                    + "else 0. Emails are unique across customers (409). 201 when it creates the user, 200 when it "
                    + "replaces them.",
            body = "UserRequest", success = {201, 200}, failures = {400, 401, 403, 404, 409, 415, 429, 503})
    @PutMapping(path = "/customers/{customer}/users/{user}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountResources.UserResource> put(@PathVariable("customer") String customerId,
            @PathVariable("user") String userId, @RequestBody JsonNode body, HttpServletRequest request) {
        UserPath path = UserPath.of(customerId, userId);
        int customer = path.customer();
        String id = path.user();
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, "", problems, USER_FIELDS);
        User user = null;
        String password = null;
        if (fields != null) {
            String name = fields.text("name", true, MAXIMUM_NAME_LENGTH);
            String email = fields.text("email", true, MAXIMUM_EMAIL_LENGTH);
            if (email != null && !EMAIL.matcher(email).matches()) {
                fields.problem("email", "must be an email address such as someone@example.com");
            }
            password = fields.text("password", false, 1000);
            if (password != null && AccountService.passwordProblem(password) != null) {
                fields.problem("password", AccountService.passwordProblem(password));
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : fields.ids("roles")) {
                Optional<Role> known = Role.of(role);
                known.ifPresentOrElse(roles::add, () -> fields.problem("roles", "'" + role + "' is not a role (known: "
                        + Role.ORIGINATOR.id() + ", " + Role.ORGANISATION_ADMINISTRATOR.id() + ")"));
            }
            String plan = fields.id("plan", false, true);
            Long quota = fields.has("quota") && body.get("quota").isNull() ? null : fields.size("quota", false);
            if (problems.isEmpty()) {
                user = new User(customer, id, name, email, roles, plan, quota, Instant.EPOCH);
            }
        }
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        boolean created = accounts.save(user, password);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(resource(request, path));
    }

    @OperationDocumentation(id = "getUser", tag = Tag.ACCOUNTS, caller = Caller.CUSTOMER_READER,
            summary = "Read a user",
            description = "With their capacity (base + active packs), packs' total, bytes used and reserved room.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/users/{user}")
    AccountResources.UserResource get(@PathVariable("customer") String customerId, @PathVariable("user") String userId,
            HttpServletRequest request) {
        return resource(request, UserPath.read(customerId, userId));
    }

    private AccountResources.UserResource resource(HttpServletRequest request, UserPath path) {
        return AccountResources.UserResource.of(publicUrl.base(request), accounts.user(path.customer(), path.user()),
                storage.owner(path.customer(), path.user()), storage.reserved(path.customer(), null, path.user()));
    }

    /** Refused with 409 while the user owns assets: their totals would have no one to belong to. */
    @OperationDocumentation(id = "deleteUser", tag = Tag.ACCOUNTS, caller = Caller.CUSTOMER_KEY,
            summary = "Delete a user",
            description = "409 while the user owns assets.",
            success = {204}, failures = {400, 401, 403, 404, 409, 429, 503})
    @DeleteMapping("/customers/{customer}/users/{user}")
    ResponseEntity<Void> delete(@PathVariable("customer") String customerId, @PathVariable("user") String userId) {
        UserPath path = UserPath.of(customerId, userId);
        accounts.deleteUser(path.customer(), path.user());
        return ResponseEntity.noContent().build();
    }

    @OperationDocumentation(id = "addStoragePack", tag = Tag.ACCOUNTS, caller = Caller.CUSTOMER_KEY,
            summary = "Give a user a storage pack",
            description = "It adds its size to the user's capacity while activeFrom <= now < expiresAt, by the "
                    + "database's clock.",
            body = "StoragePackRequest", success = {201}, failures = {400, 401, 403, 404, 415, 429, 503})
    @PostMapping(path = "/customers/{customer}/users/{user}/storagePacks", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountResources.StoragePackResource> addPack(@PathVariable("customer") String customerId,
            @PathVariable("user") String userId, @RequestBody JsonNode body, HttpServletRequest request) {
        UserPath path = UserPath.of(customerId, userId);
        int customer = path.customer();
        String user = path.user();
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, "", problems, PACK_FIELDS);
        String name = fields == null ? null : fields.text("name", true, MAXIMUM_NAME_LENGTH);
        Long size = fields == null ? null : fields.size("size", true);
        Instant activeFrom = fields == null ? null : fields.instant("activeFrom", false);
        Instant expiresAt = fields == null ? null : fields.instant("expiresAt", true);
        if (activeFrom != null && expiresAt != null && !expiresAt.isAfter(activeFrom)) {
            fields.problem("expiresAt", "must be after activeFrom");
        }
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        StoragePack pack = accounts.addPack(customer, user, name, size, activeFrom, expiresAt);
        String base = publicUrl.base(request);
        AccountResources.StoragePackResource resource = AccountResources.StoragePackResource.of(base, customer, user, pack,
                accounts.now(), true);
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", resource.id()).body(resource);
    }

    @OperationDocumentation(id = "listStoragePacks", tag = Tag.ACCOUNTS, caller = Caller.CUSTOMER_READER,
            summary = "List a user's storage packs",
            description = "Each with whether it is active now.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/users/{user}/storagePacks")
    HydraCollection<AccountResources.StoragePackResource> packs(@PathVariable("customer") String customerId,
            @PathVariable("user") String userId, HttpServletRequest request) {
        UserPath path = UserPath.read(customerId, userId);
        int customer = path.customer();
        String user = path.user();
        String base = publicUrl.base(request);
        Instant now = accounts.now();
        List<AccountResources.StoragePackResource> members = accounts.packs(customer, user).stream()
                .map(pack -> AccountResources.StoragePackResource.of(base, customer, user, pack, now, false)).toList();
        return HydraCollection.page(base, AccountResources.userUrl(base, customer, user) + "/storagePacks", members,
                members.size(), 1, Math.max(1, members.size()));
    }

    @OperationDocumentation(id = "deleteStoragePack", tag = Tag.ACCOUNTS, caller = Caller.CUSTOMER_KEY,
            summary = "Delete a storage pack",
            description = "Its bytes leave the user's capacity at once.",
            success = {204}, failures = {400, 401, 403, 404, 429, 503})
    @DeleteMapping("/customers/{customer}/users/{user}/storagePacks/{pack}")
    ResponseEntity<Void> deletePack(@PathVariable("customer") String customerId, @PathVariable("user") String userId,
            @PathVariable("pack") String packId) {
        UserPath path = UserPath.of(customerId, userId);
        accounts.deletePack(path.customer(), path.user(), Ids.name("pack", packId));
        return ResponseEntity.noContent().build();
    }

    /** A user's path, checked: valid ids, and a caller who may manage that customer's users (403 otherwise). */
    private record UserPath(int customer, String user) {

        static UserPath of(String customerId, String userId) {
            UserPath path = new UserPath(Ids.customer(customerId), Ids.name("user", userId));
            Access.requireCustomer(path.customer());
            return path;
        }

        /** A user's path to read: also by an organisation administrator of the customer, or by the user. */
        static UserPath read(String customerId, String userId) {
            UserPath path = new UserPath(Ids.customer(customerId), Ids.name("user", userId));
            Access.requireUserReader(path.customer(), path.user());
            return path;
        }
    }
}
