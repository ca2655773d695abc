package dev.storageledger.ledger.write;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.Tally;
import dev.storageledger.ledger.count.UsageChange;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The net change that a decided group makes, written in its transaction: asset rows to insert, rewrite and delete,
 * reservations made and used up, and what each space's, owner's and customer's totals move by (only scopes that
 * move, in the order their rows are locked).
 */
public record Changes(List<AssetRow> inserts, List<AssetRow> updates, List<CustomerAsset> deletes, List<ReservationRow> reservations,
        List<ReservationKey> usedReservations, SortedMap<SpaceKey, UsageChange> spaces, SortedMap<OwnerKey, UsageChange> owners,
        SortedMap<Integer, UsageChange> customers) {

    public Changes {
        inserts = List.copyOf(inserts);
        updates = List.copyOf(updates);
        deletes = List.copyOf(deletes);
        reservations = List.copyOf(reservations);
        usedReservations = List.copyOf(usedReservations);
        spaces = Collections.unmodifiableSortedMap(new TreeMap<>(spaces));
        owners = Collections.unmodifiableSortedMap(new TreeMap<>(owners));
        customers = Collections.unmodifiableSortedMap(new TreeMap<>(customers));
    }

    /** An asset row of a customer to insert or rewrite. */
    public record AssetRow(int customer, StoredAsset asset) {

        public AssetRow {
            requireNonNull(asset, "asset is null");
        }
    }

    /** A reservation row of a customer to insert. */
    public record ReservationRow(int customer, Reservation reservation) {

        public ReservationRow {
            requireNonNull(reservation, "reservation is null");
        }
    }

    /** A change of totals alone: a tally's changes of what is stored (a repair's). */
    public static Changes totals(Tally tally) {
        return new Changes(List.of(), List.of(), List.of(), List.of(), List.of(), Tally.storedChanges(tally.spaces()),
                Tally.storedChanges(tally.owners()), Tally.storedChanges(tally.customers()));
    }

    public boolean isEmpty() {
        return inserts.isEmpty() && updates.isEmpty() && deletes.isEmpty() && reservations.isEmpty() && usedReservations.isEmpty()
                && spaces.isEmpty() && owners.isEmpty() && customers.isEmpty();
    }
}
