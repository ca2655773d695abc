package dev.storageledger.account;

import dev.storageledger.database.TransactionTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Plans, users and storage packs as resources. The totals of what users own are written only by the ledger
 * (ledger.postgres.ChangesRepository).
 */
@Repository
public class AccountRepository {

    private final JdbcClient jdbc;
    private final TransactionTime time;

    AccountRepository(JdbcClient jdbc, TransactionTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    // ---- plans ------------------------------------------------------------------------------------------

    /** Answers true when the plan was created. */
    boolean save(Plan plan) {
        return jdbc.sql("""
                        INSERT INTO plan (id, name, capacity) VALUES (:id, :name, :capacity)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, capacity = excluded.capacity
                        RETURNING (xmax = 0) AS created
                        """)
                .param("id", plan.id())
                .param("name", plan.name())
                .param("capacity", plan.capacity())
                .query(Boolean.class)
                .single();
    }

    Optional<Plan> findPlan(String id) {
        return jdbc.sql("SELECT id, name, capacity FROM plan WHERE id = :id").param("id", id).query(Plan.class).optional();
    }

    List<Plan> plans() {
        return jdbc.sql("SELECT id, name, capacity FROM plan ORDER BY id").query(Plan.class).list();
    }

    /** @throws org.springframework.dao.DataIntegrityViolationException when users are on the plan */
    boolean deletePlan(String id) {
        return jdbc.sql("DELETE FROM plan WHERE id = :id").param("id", id).update() == 1;
    }

    // ---- users ------------------------------------------------------------------------------------------

    /**
     * Creates or replaces a user; answers true when they were created. A null {@code passwordHash} keeps the
     * stored one; a new one also starts a new session, so tokens issued before stop working.
     *
     * @throws org.springframework.dao.DuplicateKeyException when another user has the email
     */
    boolean save(User user, String passwordHash) {
        return jdbc.sql("""
                        INSERT INTO user_account (customer, id, name, email, password_hash, roles, plan, quota, created_at,
                                                  integrated_since, integrated_at)
                        VALUES (:customer, :id, :name, :email, :passwordHash, :roles, :plan, :quota, CAST(:now AS timestamptz),
                                CAST(:now AS timestamptz), CAST(:now AS timestamptz))
                        ON CONFLICT (customer, id) DO UPDATE
                        SET name = excluded.name, email = excluded.email, roles = excluded.roles, plan = excluded.plan,
                            quota = excluded.quota,
                            password_hash = coalesce(excluded.password_hash, user_account.password_hash),
                            session = CASE WHEN excluded.password_hash IS NULL THEN user_account.session ELSE gen_random_uuid() END
                        RETURNING (xmax = 0) AS created
                        """)
                .param("customer", user.customer())
                .param("id", user.id())
                .param("name", user.name())
                .param("email", user.email())
                .param("passwordHash", passwordHash)
                .param("roles", user.roles().stream().map(Role::id).sorted().toArray(String[]::new))
                .param("plan", user.plan())
                .param("quota", user.quota())
                .param("now", time.parameter())
                .query(Boolean.class)
                .single();
    }

    private static final String USER_COLUMNS = "customer, id, name, email, roles, plan, quota, created_at";

    Optional<User> findUser(int customer, String id) {
        return jdbc.sql("SELECT " + USER_COLUMNS + " FROM user_account WHERE customer = :customer AND id = :id")
                .param("customer", customer)
                .param("id", id)
                .query(AccountRepository::user)
                .optional();
    }

    /**
     * Deletes a user who owns no assets. Their count is exact and their row is locked by the delete, so a
     * concurrent first asset either commits before (and the delete finds a count of 1) or finds no user after.
     */
    Deletion deleteUser(int customer, String id) {
        int deleted = jdbc.sql("DELETE FROM user_account WHERE customer = :customer AND id = :id AND number_of_stored_images = 0")
                .param("customer", customer)
                .param("id", id)
                .update();
        if (deleted == 1) {
            return Deletion.DELETED;
        }
        return findUser(customer, id).isPresent() ? Deletion.NOT_EMPTY : Deletion.NOT_FOUND;
    }

    enum Deletion { DELETED, NOT_EMPTY, NOT_FOUND }

    private static User user(ResultSet row, int number) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) row.getArray("roles").getArray()).map(Role::of).flatMap(Optional::stream).forEach(roles::add);
        Long quota = row.getObject("quota", Long.class);
        return new User(row.getInt("customer"), row.getString("id"), row.getString("name"), row.getString("email"), roles,
                row.getString("plan"), quota, instant(row, "created_at"));
    }

    // ---- credentials --------------------------------------------------------------------------------------

    /** What a login needs: who has this email, the hash of their password (null: none), their session. */
    public record Login(int customer, String user, String passwordHash, UUID session) {
    }

    public Optional<Login> findLogin(String email) {
        return jdbc.sql("SELECT customer, id, password_hash, session FROM user_account WHERE lower(email) = lower(:email)")
                .param("email", email)
                .query((row, number) -> new Login(row.getInt("customer"), row.getString("id"), row.getString("password_hash"),
                        row.getObject("session", UUID.class)))
                .optional();
    }

    /** A user's current session and roles, or empty when there is no such user. */
    public Optional<Session> findSession(int customer, String id) {
        return jdbc.sql("SELECT session, " + USER_COLUMNS + " FROM user_account WHERE customer = :customer AND id = :id")
                .param("customer", customer)
                .param("id", id)
                .query((row, number) -> new Session(row.getObject("session", UUID.class), user(row, number)))
                .optional();
    }

    public record Session(UUID id, User user) {
    }

    // ---- storage packs ------------------------------------------------------------------------------------

    void insert(int customer, String user, StoragePack pack) {
        jdbc.sql("""
                        INSERT INTO storage_pack (customer, user_id, id, name, size, active_from, expires_at)
                        VALUES (:customer, :user, :id, :name, :size, :activeFrom, :expiresAt)
                        """)
                .param("customer", customer)
                .param("user", user)
                .param("id", pack.id())
                .param("name", pack.name())
                .param("size", pack.size())
                .param("activeFrom", OffsetDateTime.ofInstant(pack.activeFrom(), ZoneOffset.UTC))
                .param("expiresAt", OffsetDateTime.ofInstant(pack.expiresAt(), ZoneOffset.UTC))
                .update();
    }

    List<StoragePack> packs(int customer, String user) {
        return jdbc.sql("""
                        SELECT id, name, size, active_from, expires_at FROM storage_pack
                        WHERE customer = :customer AND user_id = :user ORDER BY active_from, id
                        """)
                .param("customer", customer)
                .param("user", user)
                .query((row, number) -> new StoragePack(row.getString("id"), row.getString("name"), row.getLong("size"),
                        instant(row, "active_from"), instant(row, "expires_at")))
                .list();
    }

    /** The packs of these users of a customer that have not expired (active now, or to come), by user. */
    Map<String, List<StoragePack>> currentPacks(int customer, Collection<String> users) {
        Map<String, List<StoragePack>> packs = new HashMap<>();
        if (users.isEmpty()) {
            return packs;
        }
        jdbc.sql("""
                        SELECT user_id, id, name, size, active_from, expires_at FROM storage_pack
                        WHERE customer = :customer AND user_id IN (:users) AND expires_at > CAST(:now AS timestamptz)
                        ORDER BY user_id, active_from, id
                        """)
                .param("customer", customer)
                .param("users", users)
                .param("now", time.parameter())
                .query((row, number) -> Map.entry(row.getString("user_id"), new StoragePack(row.getString("id"), row.getString("name"),
                        row.getLong("size"), instant(row, "active_from"), instant(row, "expires_at"))))
                .list()
                .forEach(pack -> packs.computeIfAbsent(pack.getKey(), user -> new ArrayList<>()).add(pack.getValue()));
        return packs;
    }

    boolean deletePack(int customer, String user, String id) {
        return jdbc.sql("DELETE FROM storage_pack WHERE customer = :customer AND user_id = :user AND id = :id")
                .param("customer", customer)
                .param("user", user)
                .param("id", id)
                .update() == 1;
    }

    /** The service's time (the transaction's, in one), which decides which packs are active. */
    Instant now() {
        return time.now();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
