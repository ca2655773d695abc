package dev.storageledger.ledger.postgres;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Limits;
import dev.storageledger.ledger.read.AssetStorage;
import dev.storageledger.ledger.read.OwnerStorage;
import dev.storageledger.ledger.read.ScopeStorage;
import dev.storageledger.ledger.read.StorageReads;
import java.sql.ResultSet;
import java.sql.SQLException;
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
            SELECT o.number_of_stored_images, o.total_size_of_stored_images, o.total_size_of_thumbnails,
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
}
