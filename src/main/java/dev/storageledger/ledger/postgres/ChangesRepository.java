package dev.storageledger.ledger.postgres;

import dev.storageledger.LedgerProperties;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.count.UsageChange;
import dev.storageledger.ledger.write.Changes;
import dev.storageledger.ledger.write.ReservationKey;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL that writes the ledger's net changes: asset rows and reservations and, in the same statement, the totals
 * over them. A group of writes runs it last, under the locks that {@link WriteGroupRepository} took; a recalculation
 * runs it with totals alone to repair a drift.
 */
@Repository
public class ChangesRepository {

    private final JdbcClient jdbc;
    private final String step;

    ChangesRepository(JdbcClient jdbc, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.step = Rows.step(properties);
    }

    /**
     * {@link #applyChanges(Changes, boolean)} of changes whose rows may be due a history point: each one that is gets
     * it.
     */
    public void applyChanges(Changes changes) {
        applyChanges(changes, true);
    }

    /**
     * Writes a group's net change in one statement: the new, changed and deleted asset rows, the reservations made
     * and used up and, beside them, what the totals of the spaces, owners and customers whose rows this transaction
     * has locked move by (the lastCalculated of spaces and customers is now), with each row's history point when it
     * is the row's first change since the last step boundary.
     *
     * <p>The parts that write points cost the statement a third of its time even when they write nothing, so they are
     * left out when the locks' reads found no row due one ({@code historyDue} false, the common case). A step boundary
     * may still pass between those reads and this statement: the totals rows it leaves due a point are then not
     * updated, and the statement throws {@link StepBoundaryPassedException}, so that the transaction is rolled back and
     * done again, finding them due.
     *
     * @throws org.springframework.dao.DuplicateKeyException when a row to insert is stored (nothing is written then)
     */
    public void applyChanges(Changes changes, boolean historyDue) {
        if (changes.isEmpty()) {
            return;
        }
        List<CustomerAsset> deletes = changes.deletes();
        List<Map.Entry<SpaceKey, UsageChange>> spaces = List.copyOf(changes.spaces().entrySet());
        List<Map.Entry<OwnerKey, UsageChange>> owners = List.copyOf(changes.owners().entrySet());
        List<Map.Entry<Integer, UsageChange>> customers = List.copyOf(changes.customers().entrySet());
        List<Changes.ReservationRow> reservations = changes.reservations();
        List<ReservationKey> used = changes.usedReservations();
        JdbcClient.StatementSpec statement = jdbc.sql("""
                WITH clock AS (
                    SELECT t AS now, %s AS boundary FROM (SELECT clock_timestamp() AS t) AS c
                ), inserted AS (
                    INSERT INTO asset (customer, space, id, size, thumbnail_size, owner, last_checked)
                    SELECT r.customer, r.space, r.id, r.size, r.thumbnail_size, r.owner, now()
                    FROM unnest(:insertCustomers, :insertSpaces, :insertIds, :insertSizes, :insertThumbnails, :insertOwners)
                         AS r(customer, space, id, size, thumbnail_size, owner)
                ), updated AS (
                    UPDATE asset a
                    SET size = r.size, thumbnail_size = r.thumbnail_size, owner = r.owner, last_checked = now()
                    FROM unnest(:updateCustomers, :updateSpaces, :updateIds, :updateSizes, :updateThumbnails, :updateOwners)
                         AS r(customer, space, id, size, thumbnail_size, owner)
                    WHERE a.customer = r.customer AND a.space = r.space AND a.id = r.id
                ), deleted AS (
                    DELETE FROM asset a
                    USING unnest(:deleteCustomers, :deleteSpaces, :deleteIds) AS r(customer, space, id)
                    WHERE a.customer = r.customer AND a.space = r.space AND a.id = r.id
                ), %s, %s, reserved AS (
                    INSERT INTO reservation (customer, id, space, owner, images, size, thumbnail_size, expires_at)
                    SELECT * FROM unnest(:reservedCustomers, :reservedIds, :reservedSpaces, :reservedOwners, :reservedImages,
                                         :reservedSizes, :reservedThumbnails, CAST(:reservedExpiries AS timestamptz[]))
                ), made AS (
                    INSERT INTO reservation_made (customer, id)
                    SELECT * FROM unnest(:reservedCustomers, :reservedIds)
                ), used AS (
                    DELETE FROM reservation r
                    USING unnest(:usedCustomers, :usedIds) AS u(customer, id)
                    WHERE r.customer = u.customer AND r.id = u.id
                ), %s
                SELECT (SELECT count(*) FROM space_totals) + (SELECT count(*) FROM user_account_totals)
                       + (SELECT count(*) FROM customer_totals)
                """.formatted(Rows.stepBoundary("t"),
                        totals(historyDue, "space", "customer, space", "r.customer, r.id", "r.customer = t.customer AND r.id = t.id",
                                "unnest(:spaceCustomers, :spaceIds, :spaceImages, :spaceSizes, :spaceThumbnails)"
                                        + " AS t(customer, id, images, size, thumbnails)", ", last_calculated = now()"),
                        totals(historyDue, "user_account", "customer, owner", "r.customer, r.id", "r.customer = t.customer AND r.id = t.id",
                                "unnest(:ownerCustomers, :ownerIds, :ownerImages, :ownerSizes, :ownerThumbnails)"
                                        + " AS t(customer, id, images, size, thumbnails)", ""),
                        totals(historyDue, "customer", "customer", "r.id", "r.id = t.id",
                                "unnest(:customerIds, :customerImages, :customerSizes, :customerThumbnails)"
                                        + " AS t(id, images, size, thumbnails)", ", last_calculated = now()")));
        rows(statement, "insert", changes.inserts());
        rows(statement, "update", changes.updates());
        long updated = statement.param("deleteCustomers", SqlArrays.integers(deletes, CustomerAsset::customer))
                .param("deleteSpaces", SqlArrays.integers(deletes, asset -> asset.ref().space()))
                .param("deleteIds", SqlArrays.texts(deletes, asset -> asset.ref().asset()))
                .param("spaceCustomers", SqlArrays.integers(spaces, row -> row.getKey().customer()))
                .param("spaceIds", SqlArrays.integers(spaces, row -> row.getKey().space()))
                .param("spaceImages", SqlArrays.longs(spaces, row -> row.getValue().images()))
                .param("spaceSizes", SqlArrays.longs(spaces, row -> row.getValue().size()))
                .param("spaceThumbnails", SqlArrays.longs(spaces, row -> row.getValue().thumbnails()))
                .param("ownerCustomers", SqlArrays.integers(owners, row -> row.getKey().customer()))
                .param("ownerIds", SqlArrays.texts(owners, row -> row.getKey().user()))
                .param("ownerImages", SqlArrays.longs(owners, row -> row.getValue().images()))
                .param("ownerSizes", SqlArrays.longs(owners, row -> row.getValue().size()))
                .param("ownerThumbnails", SqlArrays.longs(owners, row -> row.getValue().thumbnails()))
                .param("reservedCustomers", SqlArrays.integers(reservations, Changes.ReservationRow::customer))
                .param("reservedIds", SqlArrays.texts(reservations, row -> row.reservation().id()))
                .param("reservedSpaces", SqlArrays.integers(reservations, row -> row.reservation().space()))
                .param("reservedOwners", SqlArrays.texts(reservations, row -> row.reservation().owner()))
                .param("reservedImages", SqlArrays.longs(reservations, row -> row.reservation().images()))
                .param("reservedSizes", SqlArrays.longs(reservations, row -> row.reservation().size().size()))
                .param("reservedThumbnails", SqlArrays.longs(reservations, row -> row.reservation().size().thumbnailSize()))
                .param("reservedExpiries", SqlArrays.instants(reservations, row -> row.reservation().expiresAt()))
                .param("usedCustomers", SqlArrays.integers(used, ReservationKey::customer))
                .param("usedIds", SqlArrays.texts(used, ReservationKey::id))
                .param("step", step)
                .param("customerIds", SqlArrays.integers(customers, Map.Entry::getKey))
                .param("customerImages", SqlArrays.longs(customers, row -> row.getValue().images()))
                .param("customerSizes", SqlArrays.longs(customers, row -> row.getValue().size()))
                .param("customerThumbnails", SqlArrays.longs(customers, row -> row.getValue().thumbnails()))
                .query(Long.class)
                .single();
        if (!historyDue && updated < spaces.size() + owners.size() + customers.size()) {
            throw new StepBoundaryPassedException();
        }
    }

    /**
     * The parts of the statement for one table of totals (space, user_account or customer, named {@code r}): when
     * {@code historyDue}, the row's point at the step boundary if this is its first change since that boundary (its
     * figures as they stood then, its integrals advanced to it; see V7__usage_over_time.sql); then the change itself,
     * which advances the integrals to the statement's instant with the totals that held since the row's last change,
     * and answers a row for each row it updates. Without {@code historyDue}, a row due a point is not updated (see
     * {@link #applyChanges(Changes, boolean)}). The instant never goes back for a row: its row lock is held, so every
     * earlier change of it committed before this statement began.
     */
    private static String totals(boolean historyDue, String table, String historyKeys, String keys, String match, String changes,
            String more) {
        String history = table.equals("user_account") ? "user_history" : table + "_history";
        String points = !historyDue ? "" : """
                %1$s_points AS (
                    INSERT INTO %2$s (%3$s, at, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails,
                                      byte_seconds, thumbnail_byte_seconds, image_seconds)
                    SELECT %4$s, c.boundary, r.number_of_stored_images, r.total_size_of_stored_images, r.total_size_of_thumbnails,
                           r.byte_seconds + r.total_size_of_stored_images * extract(epoch FROM c.boundary - r.integrated_at),
                           r.thumbnail_byte_seconds + r.total_size_of_thumbnails * extract(epoch FROM c.boundary - r.integrated_at),
                           r.image_seconds + r.number_of_stored_images * extract(epoch FROM c.boundary - r.integrated_at)
                    FROM %1$s r JOIN %6$s ON %5$s CROSS JOIN clock c
                    WHERE r.integrated_at < c.boundary
                ), """;
        return (points + """
                %1$s_totals AS (
                    UPDATE %1$s r
                    SET number_of_stored_images = r.number_of_stored_images + t.images,
                        total_size_of_stored_images = r.total_size_of_stored_images + t.size,
                        total_size_of_thumbnails = r.total_size_of_thumbnails + t.thumbnails,
                        byte_seconds = r.byte_seconds
                            + r.total_size_of_stored_images * extract(epoch FROM greatest(c.now, r.integrated_at) - r.integrated_at),
                        thumbnail_byte_seconds = r.thumbnail_byte_seconds
                            + r.total_size_of_thumbnails * extract(epoch FROM greatest(c.now, r.integrated_at) - r.integrated_at),
                        image_seconds = r.image_seconds
                            + r.number_of_stored_images * extract(epoch FROM greatest(c.now, r.integrated_at) - r.integrated_at),
                        integrated_at = greatest(c.now, r.integrated_at)%7$s
                    FROM %6$s CROSS JOIN clock c
                    WHERE %5$s%8$s
                    RETURNING 1
                )""").formatted(table, history, historyKeys, keys, match, changes, more,
                historyDue ? "" : " AND r.integrated_at >= c.boundary");
    }

    private static void rows(JdbcClient.StatementSpec statement, String prefix, List<Changes.AssetRow> rows) {
        statement.param(prefix + "Customers", SqlArrays.integers(rows, Changes.AssetRow::customer))
                .param(prefix + "Spaces", SqlArrays.integers(rows, row -> row.asset().ref().space()))
                .param(prefix + "Ids", SqlArrays.texts(rows, row -> row.asset().ref().asset()))
                .param(prefix + "Sizes", SqlArrays.longs(rows, row -> row.asset().size().size()))
                .param(prefix + "Thumbnails", SqlArrays.longs(rows, row -> row.asset().size().thumbnailSize()))
                .param(prefix + "Owners", SqlArrays.texts(rows, row -> row.asset().owner()));
    }
}
