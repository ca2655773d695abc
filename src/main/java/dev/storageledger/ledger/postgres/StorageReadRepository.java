package dev.storageledger.ledger.postgres;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Fullness;
import dev.storageledger.ledger.limit.Limit;
import dev.storageledger.ledger.limit.Limits;
import dev.storageledger.ledger.read.AssetStorage;
import dev.storageledger.ledger.read.CustomerFigures;
import dev.storageledger.ledger.read.OwnerStorage;
import dev.storageledger.ledger.read.ScopeStorage;
import dev.storageledger.ledger.read.StorageReads;
import dev.storageledger.ledger.read.UserFigures;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the reads: stored totals by primary key, never a sum over assets. */
@Repository
class StorageReadRepository implements StorageReads {

    private final JdbcClient jdbc;

    StorageReadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ScopeStorage> customer(int customer) {
        return jdbc.sql("""
                        SELECT number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails,
                               last_calculated, NULL AS space_policy, storage_policy AS customer_policy
                        FROM customer WHERE id = :customer
                        """)
                .param("customer", customer)
                .query((row, number) -> scopeStorage(row))
                .optional();
    }

    @Override
    public Optional<ScopeStorage> space(int customer, int space) {
        return jdbc.sql("""
                        SELECT s.number_of_stored_images, s.total_size_of_stored_images, s.total_size_of_thumbnails,
                               s.last_calculated, s.storage_policy AS space_policy, c.storage_policy AS customer_policy
                        FROM space s JOIN customer c ON c.id = s.customer
                        WHERE s.customer = :customer AND s.id = :space
                        """)
                .param("customer", customer)
                .param("space", space)
                .query((row, number) -> scopeStorage(row))
                .optional();
    }

    private static ScopeStorage scopeStorage(ResultSet row) throws SQLException {
        return new ScopeStorage(Rows.usage(row), Rows.instant(row, "last_calculated"),
                Limits.governingPolicy(Optional.ofNullable(row.getString("space_policy")), row.getString("customer_policy")));
    }

    @Override
    public Optional<AssetStorage> asset(int customer, AssetRef ref) {
        return jdbc.sql("""
                        SELECT space, id, size, thumbnail_size, owner, last_checked,
                               coalesce(checking_since > now() - interval '1 hour', false) AS checking
                        FROM asset WHERE customer = :customer AND space = :space AND id = :id
                        """)
                .param("customer", customer)
                .param("space", ref.space())
                .param("id", ref.asset())
                .query((row, number) -> new AssetStorage(Rows.storedAsset(row), row.getBoolean("checking")))
                .optional();
    }

    /** Users o with their totals and the raw figures of their capacity; the caller adds the WHERE. */
    private static final String OWNERS = """
            SELECT o.id, o.name, o.number_of_stored_images, o.total_size_of_stored_images, o.total_size_of_thumbnails,
                   o.quota, p.capacity AS plan_capacity,
            """ + Rows.ACTIVE_PACKS + """
                   AS packs
            FROM user_account o LEFT JOIN plan p ON p.id = o.plan
            """;

    @Override
    public Optional<OwnerStorage> owner(int customer, String user) {
        return jdbc.sql(OWNERS + "WHERE o.customer = :customer AND o.id = :user")
                .param("customer", customer)
                .param("user", user)
                .query((row, number) -> new OwnerStorage(Rows.usage(row), Rows.capacity(row)))
                .optional();
    }

    @Override
    public List<OwnerStorage> usersWithRole(int customer, String role) {
        return jdbc.sql(OWNERS + "WHERE o.customer = :customer AND :role = ANY (o.roles)")
                .param("customer", customer)
                .param("role", role)
                .query((row, number) -> new OwnerStorage(Rows.usage(row), Rows.capacity(row)))
                .list();
    }

    @Override
    public Usage reserved(int customer, Integer space, String owner) {
        return jdbc.sql("""
                        SELECT least(coalesce(sum(images), 0), 9223372036854775807)::bigint AS images,
                               least(coalesce(sum(size), 0), 9223372036854775807)::bigint AS size,
                               least(coalesce(sum(thumbnail_size), 0), 9223372036854775807)::bigint AS thumbnails
                        FROM reservation
                        WHERE customer = :customer AND expires_at > now()
                          AND (CAST(:space AS integer) IS NULL OR space = :space)
                          AND (CAST(:owner AS text) IS NULL OR owner = :owner)
                        """)
                .param("customer", customer)
                .param("space", space)
                .param("owner", owner)
                .query((row, number) -> new Usage(row.getLong("images"), row.getLong("size"), row.getLong("thumbnails")))
                .single();
    }

    /**
     * Every customer with its totals, its policy's maxima, the room its live reservations hold, and, for ordering and
     * filtering, the greatest fraction of a limit that its stored and reserved figures take ({@code fraction}, computed
     * as {@link Fullness#fraction} computes it, in double precision) and whether a limit is exceeded ({@code exceeded},
     * as {@link Fullness#of} decides it). Sums are capped at the largest total the ledger holds, as
     * {@link Fullness#taken} caps them.
     */
    private static final String CUSTOMERS = """
            WITH live AS (
                SELECT customer,
                       least(sum(images), 9223372036854775807)::bigint AS images,
                       least(sum(size), 9223372036854775807)::bigint AS size,
                       least(sum(thumbnail_size), 9223372036854775807)::bigint AS thumbnails
                FROM reservation WHERE expires_at > now() GROUP BY customer
            ), figures AS (
                SELECT c.id, c.name, c.storage_policy, c.number_of_stored_images, c.total_size_of_stored_images,
                       c.total_size_of_thumbnails, coalesce(r.images, 0) AS reserved_images,
                       coalesce(r.size, 0) AS reserved_size, coalesce(r.thumbnails, 0) AS reserved_thumbnails,
                       p.maximum_number_of_stored_images AS maximum_images,
                       p.maximum_total_size_of_stored_images AS maximum_size,
                       least(c.number_of_stored_images::numeric + coalesce(r.images, 0), 9223372036854775807)::bigint
                           AS taken_images,
                       least(c.total_size_of_stored_images::numeric + coalesce(r.size, 0), 9223372036854775807)::bigint
                           AS taken_size
                FROM customer c JOIN storage_policy p ON p.id = c.storage_policy LEFT JOIN live r ON r.customer = c.id
            ), rated AS (
                SELECT f.*,
                       greatest(CASE WHEN maximum_images = 0 THEN 1 ELSE taken_images::float8 / maximum_images END,
                                CASE WHEN maximum_size = 0 THEN 1 ELSE taken_size::float8 / maximum_size END) AS fraction,
                       (taken_images >= maximum_images OR taken_size >= maximum_size) AS exceeded
                FROM figures f
            )
            """;

    /** Only the rows of one state when :filtered: exceeded ones, or those not exceeded in a band of fractions. */
    private static final String IN_STATE = """
            WHERE (NOT CAST(:filtered AS boolean)
                   OR (exceeded = CAST(:exceeded AS boolean)
                       AND (CAST(:from AS float8) IS NULL OR fraction >= CAST(:from AS float8))
                       AND (CAST(:until AS float8) IS NULL OR fraction < CAST(:until AS float8))))
            """;

    @Override
    public List<CustomerFigures> customers(Fullness state, Fullness.Thresholds thresholds, boolean byUsage, long offset, int limit) {
        return inState(jdbc.sql(CUSTOMERS + """
                        SELECT * FROM rated
                        """ + IN_STATE + (byUsage ? "ORDER BY fraction DESC, id" : "ORDER BY id") + """
                         LIMIT :limit OFFSET :offset
                        """), state, thresholds)
                .param("limit", limit)
                .param("offset", offset)
                .query((row, number) -> new CustomerFigures(row.getInt("id"), row.getString("name"), Rows.usage(row),
                        new Usage(row.getLong("reserved_images"), row.getLong("reserved_size"), row.getLong("reserved_thumbnails")),
                        new Limit.Policy(row.getString("storage_policy"), row.getLong("maximum_images"), row.getLong("maximum_size"))))
                .list();
    }

    @Override
    public long countCustomers(Fullness state, Fullness.Thresholds thresholds) {
        return inState(jdbc.sql(CUSTOMERS + "SELECT count(*) FROM rated " + IN_STATE), state, thresholds)
                .query(Long.class)
                .single();
    }

    private static JdbcClient.StatementSpec inState(JdbcClient.StatementSpec statement, Fullness state, Fullness.Thresholds thresholds) {
        Fullness.Band band = state == null || state == Fullness.EXCEEDED ? null : state.band(thresholds);
        return statement
                .param("filtered", state != null)
                .param("exceeded", state == Fullness.EXCEEDED)
                .param("from", band == null ? null : band.from(), Types.DOUBLE)
                .param("until", band == null ? null : band.until(), Types.DOUBLE);
    }

    /**
     * A customer's users with their totals, the raw figures of their capacity, the room their live reservations hold,
     * and, for ordering only, the fraction of their capacity taken: the capacity as {@link Limits#ownerCapacity} makes
     * it (quota, else the plan's capacity, else 0; plus active packs), what is taken as {@link Fullness#taken} caps it.
     */
    private static final String USERS = """
            WITH owners AS (
            """ + OWNERS + """
                WHERE o.customer = :customer
            ), live AS (
                SELECT owner,
                       least(sum(images), 9223372036854775807)::bigint AS images,
                       least(sum(size), 9223372036854775807)::bigint AS size,
                       least(sum(thumbnail_size), 9223372036854775807)::bigint AS thumbnails
                FROM reservation WHERE customer = :customer AND owner IS NOT NULL AND expires_at > now() GROUP BY owner
            ), figures AS (
                SELECT w.*, coalesce(r.images, 0) AS reserved_images, coalesce(r.size, 0) AS reserved_size,
                       coalesce(r.thumbnails, 0) AS reserved_thumbnails,
                       least(w.total_size_of_stored_images::numeric + w.total_size_of_thumbnails + coalesce(r.size, 0)
                             + coalesce(r.thumbnails, 0), 9223372036854775807)::bigint AS taken,
                       least(coalesce(w.quota, w.plan_capacity, 0)::numeric + w.packs, 9223372036854775807)::bigint AS capacity
                FROM owners w LEFT JOIN live r ON r.owner = w.id
            )
            SELECT f.*, CASE WHEN capacity = 0 THEN 1 ELSE taken::float8 / capacity END AS fraction FROM figures f
            """;

    @Override
    public List<UserFigures> users(int customer, boolean byUsage, long offset, int limit) {
        return jdbc.sql(USERS + (byUsage ? "ORDER BY fraction DESC, id" : "ORDER BY id") + " LIMIT :limit OFFSET :offset")
                .param("customer", customer)
                .param("limit", limit)
                .param("offset", offset)
                .query((row, number) -> new UserFigures(row.getString("id"), row.getString("name"),
                        new OwnerStorage(Rows.usage(row), Rows.capacity(row)),
                        new Usage(row.getLong("reserved_images"), row.getLong("reserved_size"), row.getLong("reserved_thumbnails"))))
                .list();
    }

    @Override
    public long countUsers(int customer) {
        return jdbc.sql("SELECT count(*) FROM user_account WHERE customer = :customer")
                .param("customer", customer)
                .query(Long.class)
                .single();
    }

    @Override
    public List<StoredAsset> assets(int customer, int space, long offset, int limit) {
        return jdbc.sql("""
                        SELECT space, id, size, thumbnail_size, owner, last_checked FROM asset
                        WHERE customer = :customer AND space = :space ORDER BY id LIMIT :limit OFFSET :offset
                        """)
                .param("customer", customer)
                .param("space", space)
                .param("limit", limit)
                .param("offset", offset)
                .query((row, number) -> Rows.storedAsset(row))
                .list();
    }
}
