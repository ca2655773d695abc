package dev.storageledger.account;

import dev.storageledger.customer.CustomerService;
import dev.storageledger.database.DatabaseError;
import dev.storageledger.failure.Failure;
import dev.storageledger.failure.Missing;
import dev.storageledger.ledger.cache.ReadCache;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Service;

/** Plans, users and their storage packs (api.md "Accounts"), and checking a user's password at login. */
@Service
public class AccountService {

    /** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused instead. */
    public static final int MAXIMUM_PASSWORD_BYTES = 72;
    public static final int MINIMUM_PASSWORD_LENGTH = 8;

    private static final BCryptPasswordEncoder PASSWORDS = new BCryptPasswordEncoder();
    /**
     * Compared against when no user has the email, so that a login takes as long whether or not they exist. Made at
     * the first login that needs it, not at start-up: a bcrypt hash takes tens of milliseconds.
     */
    private static final class NoSuchUser {
        static final String HASH = PASSWORDS.encode(UUID.randomUUID().toString());
    }

    /** The constraints PostgreSQL named after V2__accounts.sql that a request can meet. */
    private static final String USER_PLAN = "user_account_plan_fkey";
    private static final String USER_CUSTOMER = "user_account_customer_fkey";
    private static final String USER_EMAIL = "user_account_email";
    private static final String PACK_USER = "storage_pack_customer_user_id_fkey";

    private final AccountRepository accounts;
    private final CustomerService customers;
    private final ReadCache cache;

    AccountService(AccountRepository accounts, CustomerService customers, ReadCache cache) {
        this.accounts = accounts;
        this.customers = customers;
        this.cache = cache;
    }

    // ---- plans ------------------------------------------------------------------------------------------

    public boolean save(Plan plan) {
        return accounts.save(plan);
    }

    public Plan plan(String id) {
        return accounts.findPlan(id).orElseThrow(() -> Failure.notFound("There is no plan '" + id + "'"));
    }

    public List<Plan> plans() {
        return accounts.plans();
    }

    public void deletePlan(String id) {
        try {
            if (!accounts.deletePlan(id)) {
                throw Failure.notFound("There is no plan '" + id + "'");
            }
        } catch (DataIntegrityViolationException e) {
            if (DatabaseError.of(e).isForeignKey(USER_PLAN)) {
                throw Failure.conflict("Users are on the plan '" + id + "'; move them to another plan first");
            }
            throw e;
        }
    }

    // ---- users ------------------------------------------------------------------------------------------

    /**
     * Creates or replaces a user; answers true when they were created. A null password keeps the stored one; a new
     * one ends the sessions of tokens issued before.
     */
    public boolean save(User given, String password) {
        User user = given.email() == null ? given : new User(given.customer(), given.id(), given.name(), Emails.normalise(given.email()),
                given.roles(), given.plan(), given.quota(), given.createdAt());
        customers.get(user.customer());
        if (user.plan() != null && accounts.findPlan(user.plan()).isEmpty()) {
            throw Failure.invalid("plan: there is no plan '" + user.plan() + "'");
        }
        String hash = password == null ? null : PASSWORDS.encode(password);
        try {
            return accounts.save(user, hash);
        } catch (DataIntegrityViolationException e) {
            DatabaseError error = DatabaseError.of(e);
            if (error.isUnique(USER_EMAIL)) {
                throw emailTaken(user);
            }
            if (error.isForeignKey(USER_PLAN)) {
                throw Failure.conflict("The plan '" + user.plan() + "' was deleted while this request ran");
            }
            if (error.isForeignKey(USER_CUSTOMER)) {
                throw Missing.customer(user.customer());
            }
            throw e;
        }
    }

    /**
     * The answer to an email that another user has. Emails are unique across customers (they are how users log in,
     * which must name one user), so a taken one cannot be chosen; but the answer is the same whoever has it, in this
     * customer or another, and says neither that the email exists nor whose it is: a customer's key learns that the
     * email cannot be used, as it would of any address it may not have, and nothing of which tenant has a user with it.
     */
    private static Failure emailTaken(User user) {
        return Failure.conflict("email: the email '" + user.email() + "' cannot be used; choose another");
    }

    /** Why a password cannot be used, or null when it can. */
    public static String passwordProblem(String password) {
        if (password.length() < MINIMUM_PASSWORD_LENGTH) {
            return "must have at least " + MINIMUM_PASSWORD_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAXIMUM_PASSWORD_BYTES) {
            return "must have at most " + MAXIMUM_PASSWORD_BYTES + " bytes in UTF-8";
        }
        return null;
    }

    public User user(int customer, String id) {
        customers.get(customer);
        return accounts.findUser(customer, id).orElseThrow(() -> Missing.user(customer, id));
    }

    public void deleteUser(int customer, String id) {
        switch (accounts.deleteUser(customer, id)) {
            case DELETED -> { }
            case NOT_EMPTY -> throw Failure.conflict("User '" + id + "' of customer " + customer
                    + " still owns assets; delete them or give them another owner first");
            case NOT_FOUND -> throw Missing.user(customer, id);
        }
    }

    // ---- storage packs ------------------------------------------------------------------------------------

    /** Adds a pack to a user's capacity; it becomes active at {@code activeFrom}, or now when that is null. */
    public StoragePack addPack(int customer, String user, String name, long size, Instant activeFrom, Instant expiresAt) {
        user(customer, user);
        Instant from = activeFrom == null ? accounts.now() : activeFrom;
        if (!expiresAt.isAfter(from)) {
            throw Failure.invalid("expiresAt: must be after " + (activeFrom == null ? "now" : "activeFrom") + " (" + from + ")");
        }
        StoragePack pack = new StoragePack(UUID.randomUUID().toString(), name, size, from, expiresAt);
        try {
            accounts.insert(customer, user, pack);
        } catch (DataIntegrityViolationException e) {
            if (DatabaseError.of(e).isForeignKey(PACK_USER)) {
                throw Missing.user(customer, user); // deleted since the check above
            }
            throw e;
        }
        return pack;
    }

    public List<StoragePack> packs(int customer, String user) {
        user(customer, user);
        return accounts.packs(customer, user);
    }

    /** The packs of these users of a customer that have not expired yet (active now, or to come), by user. */
    public Map<String, List<StoragePack>> currentPacks(int customer, Collection<String> users) {
        return accounts.currentPacks(customer, users);
    }

    public void deletePack(int customer, String user, String id) {
        if (!accounts.deletePack(customer, user, id)) {
            user(customer, user);
            throw Failure.notFound("User '" + user + "' of customer " + customer + " has no storage pack '" + id + "'");
        }
    }

    /** The database's clock: the one that decides which packs are active. */
    public Instant now() {
        return accounts.now();
    }

    // ---- login ------------------------------------------------------------------------------------------

    /** The user with this email and password, if they exist and the password is theirs. */
    public Optional<AccountRepository.Login> login(String email, String password) {
        Optional<AccountRepository.Login> login = accounts.findLogin(Emails.normalise(email));
        boolean usable = password.getBytes(StandardCharsets.UTF_8).length <= MAXIMUM_PASSWORD_BYTES;
        String hash = login.map(AccountRepository.Login::passwordHash).orElse(null);
        boolean matches = PASSWORDS.matches(usable ? password : "", hash == null ? NoSuchUser.HASH : hash);
        return usable && hash != null && matches ? login : Optional.empty();
    }

    /** The user with this id, as a session sees them. */
    public Optional<User> session(int customer, String user) {
        return findSession(customer, user).map(AccountRepository.Session::user);
    }

    /** The user a token names, while their session is the one the token was issued in. */
    public Optional<User> session(int customer, String user, UUID session) {
        return findSession(customer, user).filter(found -> found.id().equals(session)).map(AccountRepository.Session::user);
    }

    private record SessionRead(int customer, String user) {
    }

    /** Read on every request a token makes: from memory while the user's rows are unchanged. */
    private Optional<AccountRepository.Session> findSession(int customer, String user) {
        return cache.read(new SessionRead(customer, user), customer, () -> accounts.findSession(customer, user));
    }
}
