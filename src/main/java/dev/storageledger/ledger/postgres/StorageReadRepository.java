package dev.storageledger.ledger.postgres;

import dev.storageledger.database.TransactionTime;
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

    private static final String CUSTOMER_STORAGE = Statements.load("customer_storage");
    private static final String SPACE_STORAGE = Statements.load("space_storage");
    private static final String ASSET_STORAGE = Statements.load("asset_storage");
    private static final String OWNER = Statements.load("owner");
    private static final String USERS_WITH_ROLE = Statements.load("users_with_role");
    /** Customers with their figures, how full they are and whether exceeded: the rules of Fullness, in SQL functions. */
    private static final String CUSTOMERS = Statements.load("customers");
    private static final String COUNT_CUSTOMERS = Statements.load("count_customers");
    /** A customer's users with their figures, by how full their capacity is (Limits.ownerCapacity, in SQL). */
    private static final String USERS = Statements.load("users");

    private final JdbcClient jdbc;
    private final TransactionTime time;

    StorageReadRepository(JdbcClient jdbc, TransactionTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    /** A statement with its {@code :now} bound (the transaction's time; a statement without one ignores it). */
    private JdbcClient.StatementSpec statement(String sql) {
        return jdbc.sql(sql).param("now", time.parameter());
    }

    @Override
    public Optional<ScopeStorage> customer(int customer) {
        return statement(CUSTOMER_STORAGE)
                .param("customer", customer)
                .query((row, number) -> scopeStorage(row))
                .optional();
    }

    @Override
    public Optional<ScopeStorage> space(int customer, int space) {
        return statement(SPACE_STORAGE)
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
        return statement(ASSET_STORAGE)
                .param("customer", customer)
                .param("space", ref.space())
                .param("id", ref.asset())
                .query((row, number) -> new AssetStorage(Rows.storedAsset(row), row.getBoolean("checking")))
                .optional();
    }

    @Override
    public Optional<OwnerStorage> owner(int customer, String user) {
        return statement(OWNER)
                .param("customer", customer)
                .param("user", user)
                .query((row, number) -> new OwnerStorage(Rows.usage(row), Rows.capacity(row)))
                .optional();
    }

    @Override
    public List<OwnerStorage> usersWithRole(int customer, String role) {
        return statement(USERS_WITH_ROLE)
                .param("customer", customer)
                .param("role", role)
                .query((row, number) -> new OwnerStorage(Rows.usage(row), Rows.capacity(row)))
                .list();
    }

    @Override
    public Usage reserved(int customer, Integer space, String owner) {
        return statement("""
                        SELECT ledger_capped(sum(images)) AS images, ledger_capped(sum(size)) AS size,
                               ledger_capped(sum(thumbnail_size)) AS thumbnails
                        FROM reservation
                        WHERE customer = :customer AND expires_at > CAST(:now AS timestamptz)
                          AND (CAST(:space AS integer) IS NULL OR space = :space)
                          AND (CAST(:owner AS text) IS NULL OR owner = :owner)
                        """)
                .param("customer", customer)
                .param("space", space)
                .param("owner", owner)
                .query((row, number) -> new Usage(row.getLong("images"), row.getLong("size"), row.getLong("thumbnails")))
                .single();
    }

    @Override
    public List<CustomerFigures> customers(Fullness state, Fullness.Thresholds thresholds, boolean byUsage, long offset, int limit) {
        return inState(statement(CUSTOMERS), state, thresholds)
                .param("byUsage", byUsage)
                .param("limit", limit)
                .param("offset", offset)
                .query((row, number) -> new CustomerFigures(row.getInt("id"), row.getString("name"), Rows.usage(row),
                        new Usage(row.getLong("reserved_images"), row.getLong("reserved_size"), row.getLong("reserved_thumbnails")),
                        new Limit.Policy(row.getString("storage_policy"), row.getLong("maximum_images"), row.getLong("maximum_size"))))
                .list();
    }

    @Override
    public long countCustomers(Fullness state, Fullness.Thresholds thresholds) {
        return inState(statement(COUNT_CUSTOMERS), state, thresholds)
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

    @Override
    public List<UserFigures> users(int customer, boolean byUsage, long offset, int limit) {
        return statement(USERS)
                .param("customer", customer)
                .param("byUsage", byUsage)
                .param("limit", limit)
                .param("offset", offset)
                .query((row, number) -> new UserFigures(row.getString("id"), row.getString("name"),
                        new OwnerStorage(Rows.usage(row), Rows.capacity(row)),
                        new Usage(row.getLong("reserved_images"), row.getLong("reserved_size"), row.getLong("reserved_thumbnails"))))
                .list();
    }

    @Override
    public long countUsers(int customer) {
        return statement("SELECT count(*) FROM user_account WHERE customer = :customer")
                .param("customer", customer)
                .query(Long.class)
                .single();
    }

    @Override
    public List<StoredAsset> assets(int customer, int space, long offset, int limit) {
        return statement("""
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
