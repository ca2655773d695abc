package dev.storageledger.ledger.write;

import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.Tally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The net change of a group's accepted writes as they are decided: the assets as the writes left them beside the
 * assets as stored, the reservations made and used up, and the tally of every total. Two writes of one asset leave
 * one row change; a reservation made and used up in one group leaves none.
 */
final class GroupChanges {

    private final Map<CustomerAsset, StoredAsset> initial;
    private final Map<CustomerAsset, StoredAsset> current;
    private final Set<CustomerAsset> touched = new LinkedHashSet<>();
    private final List<Changes.ReservationRow> reserved = new ArrayList<>();
    private final List<ReservationKey> used = new ArrayList<>();
    private final Tally tally = new Tally();

    GroupChanges(Map<CustomerAsset, StoredAsset> stored) {
        this.initial = Map.copyOf(stored);
        this.current = new HashMap<>(stored);
    }

    /** An asset as the writes accepted so far left it; null when it is not stored. */
    StoredAsset current(CustomerAsset asset) {
        return current.get(asset);
    }

    /** Adds an accepted write's changes of the totals. */
    void count(Tally accepted) {
        tally.addAll(accepted);
    }

    /** Puts an accepted write's records into the current assets; answers each record's asset as now stored (null: none). */
    List<StoredAsset> apply(Write.Records write, List<Tally.Effect> effects, Instant now) {
        List<StoredAsset> assets = new ArrayList<>(write.records().size());
        for (int index = 0; index < write.records().size(); index++) {
            StorageRecord record = write.records().get(index);
            CustomerAsset key = new CustomerAsset(write.customer(), record.ref());
            touched.add(key);
            StoredAsset after = switch (effects.get(index)) {
                case CREATED, UPDATED -> new StoredAsset(record.ref(), record.size(), record.owner(), now);
                case DELETED -> null;
                case UNCHANGED -> current.get(key);
            };
            if (after == null) {
                current.remove(key);
            } else {
                current.put(key, after);
            }
            assets.add(after);
        }
        return assets;
    }

    void reserve(Changes.ReservationRow row) {
        reserved.add(row);
    }

    /** A reservation used up: one made by this very group is simply not made; any other has a row to delete. */
    void use(ReservationKey reservation) {
        if (!reserved.removeIf(row -> row.customer() == reservation.customer() && row.reservation().id().equals(reservation.id()))) {
            used.add(reservation);
        }
    }

    Changes build() {
        List<Changes.AssetRow> inserts = new ArrayList<>();
        List<Changes.AssetRow> updates = new ArrayList<>();
        List<CustomerAsset> deletes = new ArrayList<>();
        for (CustomerAsset key : touched) {
            StoredAsset before = initial.get(key);
            StoredAsset after = current.get(key);
            if (before == null && after != null) {
                inserts.add(new Changes.AssetRow(key.customer(), after));
            } else if (before != null && after == null) {
                deletes.add(key);
            } else if (before != null && !before.equals(after)) {
                updates.add(new Changes.AssetRow(key.customer(), after));
            }
        }
        return new Changes(inserts, updates, deletes, reserved, used, Tally.storedChanges(tally.spaces()),
                Tally.storedChanges(tally.owners()), Tally.storedChanges(tally.customers()));
    }
}
