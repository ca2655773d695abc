package dev.storageledger.ledger.count;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a set of storage records does to the ledger, given the assets they name as stored now: which rows to
 * insert, update and delete, and how the usage of each space, of each owner and of the customer changes. Records that would
 * change nothing (a retry, or the deletion of an absent asset) are left out, so applying a plan twice is the
 * same as applying it once.
 */
public final class BatchPlan {

    private final List<StorageRecord> inserts = new ArrayList<>();
    private final List<StorageRecord> updates = new ArrayList<>();
    private final List<AssetRef> deletes = new ArrayList<>();
    private final SortedMap<Integer, UsageChange> spaceChanges = new TreeMap<>();
    private final SortedMap<String, UsageChange> ownerChanges = new TreeMap<>();
    private UsageChange customerChange = UsageChange.NONE;

    private BatchPlan() {
    }

    /**
     * @param records  the records, at most one per asset
     * @param existing the stored assets among those the records name
     * @throws TotalOverflowException when the records together would overflow a total
     */
    public static BatchPlan of(List<StorageRecord> records, Map<AssetRef, StoredAsset> existing) {
        requireNonNull(records, "records is null");
        requireNonNull(existing, "existing is null");
        BatchPlan plan = new BatchPlan();
        for (StorageRecord record : records) {
            plan.add(record, existing.get(record.ref()));
        }
        return plan;
    }

    private void add(StorageRecord record, StoredAsset stored) {
        if (record.isDeletion()) {
            if (stored != null) {
                deletes.add(record.ref());
                change(record.ref().space(), UsageChange.removed(stored.size()));
                changeOwner(stored.owner(), UsageChange.removed(stored.size()));
            }
        } else if (stored == null) {
            inserts.add(record);
            change(record.ref().space(), UsageChange.added(record.size()));
            changeOwner(record.owner(), UsageChange.added(record.size()));
        } else if (!stored.size().equals(record.size()) || !Objects.equals(stored.owner(), record.owner())) {
            updates.add(record);
            change(record.ref().space(), UsageChange.replaced(stored.size(), record.size()));
            if (Objects.equals(stored.owner(), record.owner())) {
                changeOwner(record.owner(), UsageChange.replaced(stored.size(), record.size()));
            } else {
                changeOwner(stored.owner(), UsageChange.removed(stored.size()));
                changeOwner(record.owner(), UsageChange.added(record.size()));
            }
        }
    }

    private void change(int space, UsageChange change) {
        spaceChanges.merge(space, change, UsageChange::plus);
        customerChange = customerChange.plus(change);
    }

    /** An asset without an owner counts for no one. */
    private void changeOwner(String owner, UsageChange change) {
        if (owner != null) {
            ownerChanges.merge(owner, change, UsageChange::plus);
        }
    }

    public List<StorageRecord> inserts() {
        return Collections.unmodifiableList(inserts);
    }

    public List<StorageRecord> updates() {
        return Collections.unmodifiableList(updates);
    }

    public List<AssetRef> deletes() {
        return Collections.unmodifiableList(deletes);
    }

    /** Each changed space's change, in ascending space order: the order in which their totals are locked. */
    public SortedMap<Integer, UsageChange> spaceChanges() {
        return Collections.unmodifiableSortedMap(spaceChanges);
    }

    /** Each changed owner's change, in ascending user id order. */
    public SortedMap<String, UsageChange> ownerChanges() {
        return Collections.unmodifiableSortedMap(ownerChanges);
    }

    public UsageChange customerChange() {
        return customerChange;
    }

    public BatchSummary summary() {
        return new BatchSummary(inserts.size(), updates.size(), deletes.size());
    }
}
