package dev.storageledger.ledger.postgres;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.TransactionTime;
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
    private final TransactionTime time;

    ChangesRepository(JdbcClient jdbc, LedgerProperties.History history, TransactionTime time) {
        this.jdbc = jdbc;
        this.step = Rows.step(history);
        this.time = time;
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
     * left out when the locks' reads found no row due one ({@code historyDue} false, the common case). Within one
     * transaction the reads and this statement share its time ({@link TransactionTime}), so no boundary passes between
     * them; a caller whose reads were made at another time could still find rows due a point here: they are then not
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
        JdbcClient.StatementSpec statement = jdbc.sql(historyDue ? APPLY_WITH_HISTORY_POINTS : APPLY);
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
                .param("now", time.parameter())
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

    /** A group's net change (apply_changes.sql): rows due a history point are left, and not counted. */
    private static final String APPLY = Statements.load("apply_changes");

    /** A group's net change, writing the history point of each row due one first (apply_changes_with_history_points.sql). */
    private static final String APPLY_WITH_HISTORY_POINTS = Statements.load("apply_changes_with_history_points");

    private static void rows(JdbcClient.StatementSpec statement, String prefix, List<Changes.AssetRow> rows) {
        statement.param(prefix + "Customers", SqlArrays.integers(rows, Changes.AssetRow::customer))
                .param(prefix + "Spaces", SqlArrays.integers(rows, row -> row.asset().ref().space()))
                .param(prefix + "Ids", SqlArrays.texts(rows, row -> row.asset().ref().asset()))
                .param(prefix + "Sizes", SqlArrays.longs(rows, row -> row.asset().size().size()))
                .param(prefix + "Thumbnails", SqlArrays.longs(rows, row -> row.asset().size().thumbnailSize()))
                .param(prefix + "Owners", SqlArrays.texts(rows, row -> row.asset().owner()));
    }
}
