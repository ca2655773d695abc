package dev.storageledger.ledger.count;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a byte is counted: how changes move the totals of every scope. A record that stores, replaces, moves or
 * removes an asset changes its space, its customer and its owner (an asset without an owner counts for no one); a
 * reservation holds room in its space, its owner and its customer until it is used up; a repair takes a drift back
 * out of the one scope that drifted. Writes and the recalculation's repairs count here and nowhere else: the SQL
 * adds the changes a tally answers to the totals rows.
 *
 * <p>A tally is a working value of one thread, filled and then read.
 */
public final class Tally {

    private final SortedMap<SpaceKey, ScopeChange> spaces = new TreeMap<>();
    private final SortedMap<OwnerKey, ScopeChange> owners = new TreeMap<>();
    private final SortedMap<Integer, ScopeChange> customers = new TreeMap<>();

    /** What a record does to its asset. */
    public enum Effect {
        CREATED, UPDATED, DELETED, UNCHANGED;
    }

    /**
     * Counts one record of {@code customer} against its asset as stored ({@code stored} null when it is not).
     * Absolute figures: a record that repeats what is stored, or deletes an absent asset, changes nothing.
     *
     * @throws TotalOverflowException when the changes together would overflow a total
     */
    public Effect record(int customer, StorageRecord record, StoredAsset stored) {
        requireNonNull(record, "record is null");
        int space = record.ref().space();
        if (record.isDeletion()) {
            if (stored == null) {
                return Effect.UNCHANGED;
            }
            stored(customer, space, stored.owner(), UsageChange.removed(stored.size()));
            return Effect.DELETED;
        }
        if (stored == null) {
            stored(customer, space, record.owner(), UsageChange.added(record.size()));
            return Effect.CREATED;
        }
        if (stored.size().equals(record.size()) && Objects.equals(stored.owner(), record.owner())) {
            return Effect.UNCHANGED;
        }
        if (Objects.equals(stored.owner(), record.owner())) {
            stored(customer, space, record.owner(), UsageChange.replaced(stored.size(), record.size()));
        } else {
            stored(customer, space, stored.owner(), UsageChange.removed(stored.size()));
            stored(customer, space, record.owner(), UsageChange.added(record.size()));
        }
        return Effect.UPDATED;
    }

    /** Room held by a reservation in its space, its owner (null: none) and its customer. */
    public void hold(int customer, int space, String owner, UsageChange room) {
        reserved(customer, space, owner, room);
    }

    /** Room that a reservation held, given back as a record uses it up. */
    public void giveBack(int customer, int space, String owner, UsageChange room) {
        reserved(customer, space, owner, room.negated());
    }

    /** The repair of a scope whose totals said {@code drift} more than its records: that scope alone moves. */
    public void repair(Scope scope, UsageChange drift) {
        ScopeChange change = new ScopeChange(drift.negated(), UsageChange.NONE);
        switch (scope) {
            case Scope.Customer customer -> customers.merge(customer.customer(), change, ScopeChange::plus);
            case Scope.Space space -> spaces.merge(new SpaceKey(space.customer(), space.space()), change, ScopeChange::plus);
            case Scope.Owner owner -> owners.merge(new OwnerKey(owner.customer(), owner.user()), change, ScopeChange::plus);
        }
    }

    /** Adds another tally's changes to this one's (a decided write's changes to its group's). */
    public void addAll(Tally other) {
        other.spaces.forEach((key, change) -> spaces.merge(key, change, ScopeChange::plus));
        other.owners.forEach((key, change) -> owners.merge(key, change, ScopeChange::plus));
        other.customers.forEach((key, change) -> customers.merge(key, change, ScopeChange::plus));
    }

    private void stored(int customer, int space, String owner, UsageChange change) {
        add(customer, space, owner, new ScopeChange(change, UsageChange.NONE));
    }

    private void reserved(int customer, int space, String owner, UsageChange change) {
        add(customer, space, owner, new ScopeChange(UsageChange.NONE, change));
    }

    private void add(int customer, int space, String owner, ScopeChange change) {
        spaces.merge(new SpaceKey(customer, space), change, ScopeChange::plus);
        customers.merge(customer, change, ScopeChange::plus);
        if (owner != null) {
            owners.merge(new OwnerKey(customer, owner), change, ScopeChange::plus);
        }
    }

    /** Each space's change, in the order their totals rows are locked. */
    public SortedMap<SpaceKey, ScopeChange> spaces() {
        return Collections.unmodifiableSortedMap(spaces);
    }

    /** Each owner's change, in the order their totals rows are locked. */
    public SortedMap<OwnerKey, ScopeChange> owners() {
        return Collections.unmodifiableSortedMap(owners);
    }

    /** Each customer's change, in the order their totals rows are locked. */
    public SortedMap<Integer, ScopeChange> customers() {
        return Collections.unmodifiableSortedMap(customers);
    }

    /** The changes of what is stored (what the totals rows hold), leaving out scopes whose stored totals do not move. */
    public static <K> SortedMap<K, UsageChange> storedChanges(SortedMap<K, ScopeChange> changes) {
        SortedMap<K, UsageChange> moved = new TreeMap<>();
        changes.forEach((key, change) -> {
            if (!change.stored().isNone()) {
                moved.put(key, change.stored());
            }
        });
        return Collections.unmodifiableSortedMap(moved);
    }

    /** How changes move one scope: what it stores, and the reserved room it holds (or gives back). */
    public record ScopeChange(UsageChange stored, UsageChange reserved) {

        public static final ScopeChange NONE = new ScopeChange(UsageChange.NONE, UsageChange.NONE);

        public ScopeChange {
            requireNonNull(stored, "stored is null");
            requireNonNull(reserved, "reserved is null");
        }

        /** @throws TotalOverflowException when a figure would pass the largest total the ledger can hold */
        public ScopeChange plus(ScopeChange other) {
            return new ScopeChange(stored.plus(other.stored), reserved.plus(other.reserved));
        }

        /** What the change adds to what the scope stores and holds together: what a limit caps. */
        public UsageChange held() {
            return stored.plus(reserved);
        }

        public boolean isNone() {
            return stored.isNone() && reserved.isNone();
        }
    }
}
