package dev.storageledger.ledger.store;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.Limit;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.Usage;
import dev.storageledger.ledger.UsageChange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where a byte is counted: the asset records and the space and customer totals over them. Every statement that
 * changes asset rows has its total's statement beside it, and StorageRecorder runs both in one transaction.
 */
@Repository
public class LedgerRepository {

    private final JdbcClient jdbc;

    LedgerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- asset rows -------------------------------------------------------------------------------------

    /**
     * Locks the stored assets among {@code refs} (in ascending order, so concurrent writers never deadlock on
     * them) and answers them.
     */
    public List<StoredAsset> lockAssets(int customer, Collection<AssetRef> refs) {
        List<AssetRef> sorted = refs.stream().sorted().toList();
        return jdbc.sql("""
                        SELECT a.space, a.id, a.size, a.thumbnail_size, a.owner, a.last_checked
                        FROM asset a
                        JOIN unnest(:spaces, :ids) AS r(space, id) ON a.space = r.space AND a.id = r.id
                        WHERE a.customer = :customer
                        ORDER BY a.space, a.id
                        FOR UPDATE OF a
                        """)
                .param("customer", customer)
                .param("spaces", SqlArrays.integers(sorted, AssetRef::space))
                .param("ids", SqlArrays.texts(sorted, AssetRef::asset))
                .query(LedgerRepository::storedAsset)
                .list();
    }

    /**
     * Inserts new asset rows; answers how many were inserted. Fewer than asked means a concurrent writer
     * created one of them since {@link #lockAssets} looked.
     */
    public int insertAssets(int customer, List<StorageRecord> records) {
        return records.isEmpty() ? 0 : withRecords(jdbc.sql(INSERT_ASSETS + " ON CONFLICT DO NOTHING"), customer, records).update();
    }

    /**
     * Inserts asset rows that must all be new, about twice as fast as {@link #insertAssets} for a large batch.
     *
     * @throws org.springframework.dao.DuplicateKeyException when one of them is stored (nothing is inserted then)
     */
    public void insertNewAssets(int customer, List<StorageRecord> records) {
        withRecords(jdbc.sql(INSERT_ASSETS), customer, records).update();
    }

    private static final String INSERT_ASSETS = """
            INSERT INTO asset (customer, space, id, size, thumbnail_size, owner, last_checked)
            SELECT :customer, r.space, r.id, r.size, r.thumbnail_size, r.owner, now()
            FROM unnest(:spaces, :ids, :sizes, :thumbnails, :owners) AS r(space, id, size, thumbnail_size, owner)
            ORDER BY r.space, r.id""";

    /** Rewrites asset rows that {@link #lockAssets} has locked. */
    public void updateAssets(int customer, List<StorageRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        withRecords(jdbc.sql("""
                        UPDATE asset a
                        SET size = r.size, thumbnail_size = r.thumbnail_size, owner = r.owner, last_checked = now()
                        FROM unnest(:spaces, :ids, :sizes, :thumbnails, :owners) AS r(space, id, size, thumbnail_size, owner)
                        WHERE a.customer = :customer AND a.space = r.space AND a.id = r.id
                        """), customer, records).update();
    }

    /** Binds the records as the arrays that unnest(:spaces, :ids, :sizes, :thumbnails, :owners) reads. */
    private static JdbcClient.StatementSpec withRecords(JdbcClient.StatementSpec statement, int customer, List<StorageRecord> records) {
        return statement
                .param("customer", customer)
                .param("spaces", SqlArrays.integers(records, record -> record.ref().space()))
                .param("ids", SqlArrays.texts(records, record -> record.ref().asset()))
                .param("sizes", SqlArrays.longs(records, record -> record.size().size()))
                .param("thumbnails", SqlArrays.longs(records, record -> record.size().thumbnailSize()))
                .param("owners", SqlArrays.texts(records, StorageRecord::owner));
    }

    /** Deletes asset rows that {@link #lockAssets} has locked. */
    public void deleteAssets(int customer, List<AssetRef> refs) {
        if (refs.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        DELETE FROM asset a
                        USING unnest(:spaces, :ids) AS r(space, id)
                        WHERE a.customer = :customer AND a.space = r.space AND a.id = r.id
                        """)
                .param("customer", customer)
                .param("spaces", SqlArrays.integers(refs, AssetRef::space))
                .param("ids", SqlArrays.texts(refs, AssetRef::asset))
                .update();
    }

    // ---- totals -----------------------------------------------------------------------------------------

    /**
     * Adds a change to a space's totals and answers them as they now stand with the space's own limit, if it
     * has one. The row stays locked until the transaction ends, so the answer is what a limit must be checked
     * against. Empty when the space does not exist.
     */
    public Optional<Totals> addToSpace(int customer, int space, UsageChange change) {
        return jdbc.sql("""
                        UPDATE space s
                        SET number_of_stored_images = s.number_of_stored_images + :images,
                            total_size_of_stored_images = s.total_size_of_stored_images + :size,
                            total_size_of_thumbnails = s.total_size_of_thumbnails + :thumbnails,
                            last_calculated = now()
                        WHERE s.customer = :customer AND s.id = :space
                        RETURNING s.number_of_stored_images, s.total_size_of_stored_images, s.total_size_of_thumbnails,
                                  s.storage_policy AS policy,
                                  (SELECT maximum_number_of_stored_images FROM storage_policy WHERE id = s.storage_policy)
                                      AS maximum_number_of_stored_images,
                                  (SELECT maximum_total_size_of_stored_images FROM storage_policy WHERE id = s.storage_policy)
                                      AS maximum_total_size_of_stored_images
                        """)
                .param("customer", customer)
                .param("space", space)
                .param("images", change.images())
                .param("size", change.size())
                .param("thumbnails", change.thumbnails())
                .query(LedgerRepository::totals)
                .optional();
    }

    /** Adds a change to a customer's totals and answers them as they now stand with the customer's limit. */
    public Optional<Totals> addToCustomer(int customer, UsageChange change) {
        return jdbc.sql("""
                        UPDATE customer c
                        SET number_of_stored_images = c.number_of_stored_images + :images,
                            total_size_of_stored_images = c.total_size_of_stored_images + :size,
                            total_size_of_thumbnails = c.total_size_of_thumbnails + :thumbnails,
                            last_calculated = now()
                        FROM storage_policy p
                        WHERE c.id = :customer AND p.id = c.storage_policy
                        RETURNING c.number_of_stored_images, c.total_size_of_stored_images, c.total_size_of_thumbnails,
                                  p.id AS policy, p.maximum_number_of_stored_images, p.maximum_total_size_of_stored_images
                        """)
                .param("customer", customer)
                .param("images", change.images())
                .param("size", change.size())
                .param("thumbnails", change.thumbnails())
                .query(LedgerRepository::totals)
                .optional();
    }

    /** A scope's totals after a change, and the limit of the policy that governs it (null for none). */
    public record Totals(Usage usage, Limit limit) {
    }

    // ---- reads ------------------------------------------------------------------------------------------

    public Optional<ScopeStorage> customerStorage(int customer) {
        return jdbc.sql("""
                        SELECT number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails,
                               last_calculated, storage_policy
                        FROM customer WHERE id = :customer
                        """)
                .param("customer", customer)
                .query(LedgerRepository::scopeStorage)
                .optional();
    }

    /** A space's storage; its policy is its own, or else its customer's. */
    public Optional<ScopeStorage> spaceStorage(int customer, int space) {
        return jdbc.sql("""
                        SELECT s.number_of_stored_images, s.total_size_of_stored_images, s.total_size_of_thumbnails,
                               s.last_calculated, coalesce(s.storage_policy, c.storage_policy) AS storage_policy
                        FROM space s JOIN customer c ON c.id = s.customer
                        WHERE s.customer = :customer AND s.id = :space
                        """)
                .param("customer", customer)
                .param("space", space)
                .query(LedgerRepository::scopeStorage)
                .optional();
    }

    public Optional<StoredAsset> asset(int customer, AssetRef ref) {
        return jdbc.sql("""
                        SELECT space, id, size, thumbnail_size, owner, last_checked
                        FROM asset WHERE customer = :customer AND space = :space AND id = :id
                        """)
                .param("customer", customer)
                .param("space", ref.space())
                .param("id", ref.asset())
                .query(LedgerRepository::storedAsset)
                .optional();
    }

    /** A customer's or a space's storage as stored: never summed on read. */
    public record ScopeStorage(Usage usage, Instant lastCalculated, String storagePolicy) {
    }

    private static StoredAsset storedAsset(ResultSet row, int rowNumber) throws SQLException {
        return new StoredAsset(new AssetRef(row.getInt("space"), row.getString("id")),
                new AssetSize(row.getLong("size"), row.getLong("thumbnail_size")),
                row.getString("owner"), instant(row, "last_checked"));
    }

    private static Totals totals(ResultSet row, int rowNumber) throws SQLException {
        String policy = row.getString("policy");
        Limit limit = policy == null ? null : new Limit(policy, row.getLong("maximum_number_of_stored_images"),
                row.getLong("maximum_total_size_of_stored_images"));
        return new Totals(usage(row), limit);
    }

    private static ScopeStorage scopeStorage(ResultSet row, int rowNumber) throws SQLException {
        return new ScopeStorage(usage(row), instant(row, "last_calculated"), row.getString("storage_policy"));
    }

    private static Usage usage(ResultSet row) throws SQLException {
        return new Usage(row.getLong("number_of_stored_images"), row.getLong("total_size_of_stored_images"),
                row.getLong("total_size_of_thumbnails"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
