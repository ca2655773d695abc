package dev.storageledger.ledger.write;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.BatchPlan;
import dev.storageledger.ledger.count.TotalOverflowException;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.count.UsageChange;
import dev.storageledger.ledger.limit.Admission;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decides a group of writes, one after another, against the totals and assets that their transaction has locked,
 * as if each had its own transaction: a write sees the effect of every accepted write before it, and one that
 * would pass a limit (or names an unknown customer or space) is refused alone, leaving the others. The group
 * then answers the net change to make to the asset rows and to the totals, all in one transaction. This is how
 * many concurrent writes to one hot customer cost one commit instead of one each.
 */
public final class WriteGroup {

    private final Instant now;
    private final Map<CustomerAsset, StoredAsset> initial;
    private final Map<CustomerAsset, StoredAsset> current;
    private final Map<Integer, ScopeState> initialCustomers;
    private final Map<SpaceKey, ScopeState> initialSpaces;
    private final Map<Integer, ScopeState> customers;
    private final Map<SpaceKey, ScopeState> spaces;
    private final Map<OwnerKey, ScopeState> initialOwners;
    private final Map<OwnerKey, ScopeState> owners;
    private final Map<ReservationKey, Reservation> liveReservations;
    private final List<ReservationKey> used = new ArrayList<>();
    private final List<Row.Reserved> reserved = new ArrayList<>();
    private final Set<CustomerAsset> touched = new LinkedHashSet<>();
    private final List<WriteOutcome> outcomes = new ArrayList<>();

    private WriteGroup(Locks locks, Map<CustomerAsset, StoredAsset> stored, Instant now) {
        this.initialCustomers = Map.copyOf(locks.customers());
        this.initialSpaces = Map.copyOf(locks.spaces());
        this.initialOwners = Map.copyOf(locks.owners());
        this.customers = new HashMap<>(locks.customers());
        this.spaces = new HashMap<>(locks.spaces());
        this.owners = new HashMap<>(locks.owners());
        this.liveReservations = new HashMap<>(locks.reservations());
        this.initial = Map.copyOf(stored);
        this.current = new HashMap<>(stored);
        this.now = requireNonNull(now, "now is null");
    }

    /**
     * The scopes that a group's transaction has locked, with their totals, reserved room and limits, and the live
     * reservations that its records name.
     *
     * @param customers    each existing customer that the writes name
     * @param spaces       each existing space that the writes name (its own limit, or null)
     * @param owners       each existing user that the writes name as an owner, or that owns an asset they name
     * @param reservations each live reservation that a record names, by customer and id
     */
    public record Locks(Map<Integer, ScopeState> customers, Map<SpaceKey, ScopeState> spaces, Map<OwnerKey, ScopeState> owners,
            Map<ReservationKey, Reservation> reservations) {

        public Locks(Map<Integer, ScopeState> customers, Map<SpaceKey, ScopeState> spaces, Map<OwnerKey, ScopeState> owners) {
            this(customers, spaces, owners, Map.of());
        }
    }

    /** A reservation of a customer. */
    public record ReservationKey(int customer, String id) {
    }

    /**
     * @param stored the stored assets among those that the writes name
     * @param now    the time of the group's transaction: the lastChecked of every asset it changes
     */
    public static WriteGroup decide(List<Write> writes, Locks locks, Map<CustomerAsset, StoredAsset> stored, Instant now) {
        WriteGroup group = new WriteGroup(locks, stored, now);
        for (Write write : writes) {
            group.outcomes.add(group.decide(write));
        }
        return group;
    }

    private WriteOutcome decide(Write write) {
        int customer = write.customer();
        ScopeState customerState = customers.get(customer);
        if (customerState == null) {
            return new WriteOutcome.UnknownCustomer(customer);
        }
        if (write.reservation() != null) {
            return reserve(customer, customerState, write.reservation());
        }
        Map<AssetRef, StoredAsset> view = new HashMap<>();
        for (StorageRecord record : write.records()) {
            StoredAsset asset = current.get(new CustomerAsset(customer, record.ref()));
            if (asset != null) {
                view.put(record.ref(), asset);
            }
        }
        try {
            BatchPlan plan = BatchPlan.of(write.records(), view);
            // The room of the live reservations that the records use is given back where it was held.
            List<Reservation> using = write.records().stream().map(StorageRecord::reservation).filter(Objects::nonNull).distinct()
                    .map(id -> liveReservations.get(new ReservationKey(customer, id))).filter(Objects::nonNull).toList();
            Changes changes = new Changes(plan, using);
            Map<SpaceKey, ScopeState> spacesAfter = new HashMap<>();
            for (Map.Entry<Integer, Change> entry : changes.spaces.entrySet()) {
                SpaceKey key = new SpaceKey(customer, entry.getKey());
                ScopeState state = spaces.get(key);
                if (state == null && !entry.getValue().stored().isNone()) {
                    return new WriteOutcome.UnknownSpace(customer, key.space(), firstIndexOf(write, key.space()));
                }
                if (state != null && !entry.getValue().isNone()) {
                    spacesAfter.put(key, admit(new Scope.Space(customer, key.space()), state, entry.getValue(), !write.measured()));
                }
            }
            Map<OwnerKey, ScopeState> ownersAfter = new HashMap<>();
            for (Map.Entry<String, Change> entry : changes.owners.entrySet()) {
                OwnerKey key = new OwnerKey(customer, entry.getKey());
                ScopeState state = owners.get(key);
                if (state == null && !entry.getValue().stored().isNone()) {
                    return new WriteOutcome.UnknownOwner(customer, key.user(), firstIndexNaming(write, key.user()));
                }
                if (state != null && !entry.getValue().isNone()) {
                    ownersAfter.put(key, admit(new Scope.Owner(customer, key.user()), state, entry.getValue(), !write.measured()));
                }
            }
            ScopeState customerAfter = admit(new Scope.Customer(customer), customerState, changes.customer, !write.measured());
            spaces.putAll(spacesAfter);
            owners.putAll(ownersAfter);
            customers.put(customer, customerAfter);
            for (Reservation reservation : using) {
                ReservationKey key = new ReservationKey(customer, reservation.id());
                liveReservations.remove(key);
                // One made by this very group is simply not made; any other has a row to delete.
                if (!reserved.removeIf(row -> row.customer() == customer && row.reservation().id().equals(reservation.id()))) {
                    used.add(key);
                }
            }
            return new WriteOutcome.Applied(plan.summary(), apply(write, plan));
        } catch (Refusal refusal) {
            return new WriteOutcome.Refused(refusal.exceeded);
        } catch (TotalOverflowException e) {
            return new WriteOutcome.Overflowed();
        }
    }

    /** A new reservation: its room is held in its space, its owner and its customer, each checked against its limit. */
    private WriteOutcome reserve(int customer, ScopeState customerState, Reservation.Request request) {
        Reservation reservation = request.at(now);
        SpaceKey spaceKey = new SpaceKey(customer, reservation.space());
        ScopeState space = spaces.get(spaceKey);
        if (space == null) {
            return new WriteOutcome.UnknownSpace(customer, reservation.space(), -1);
        }
        OwnerKey ownerKey = reservation.owner() == null ? null : new OwnerKey(customer, reservation.owner());
        ScopeState owner = ownerKey == null ? null : owners.get(ownerKey);
        if (ownerKey != null && owner == null) {
            return new WriteOutcome.UnknownOwner(customer, reservation.owner(), -1);
        }
        Change held = new Change(UsageChange.NONE, reservation.held());
        try {
            ScopeState spaceAfter = admit(new Scope.Space(customer, reservation.space()), space, held, true);
            ScopeState ownerAfter = ownerKey == null ? null : admit(new Scope.Owner(customer, reservation.owner()), owner, held, true);
            ScopeState customerAfter = admit(new Scope.Customer(customer), customerState, held, true);
            spaces.put(spaceKey, spaceAfter);
            if (ownerKey != null) {
                owners.put(ownerKey, ownerAfter);
            }
            customers.put(customer, customerAfter);
        } catch (Refusal refusal) {
            return new WriteOutcome.Refused(refusal.exceeded);
        } catch (TotalOverflowException e) {
            return new WriteOutcome.Overflowed();
        }
        liveReservations.put(new ReservationKey(customer, reservation.id()), reservation);
        reserved.add(new Row.Reserved(customer, reservation));
        return new WriteOutcome.Reserved(reservation);
    }

    /** How a write changes one scope: what it stores, and the reserved room it holds (or gives back). */
    private record Change(UsageChange stored, UsageChange reserved) {

        static final Change NONE = new Change(UsageChange.NONE, UsageChange.NONE);

        Change plus(Change other) {
            return new Change(stored.plus(other.stored), reserved.plus(other.reserved));
        }

        boolean isNone() {
            return stored.isNone() && reserved.isNone();
        }
    }

    /** A write's changes by scope: its records' (the plan's), and the room of the reservations they use up. */
    private static final class Changes {

        final Map<Integer, Change> spaces = new TreeMap<>();
        final Map<String, Change> owners = new TreeMap<>();
        Change customer;

        Changes(BatchPlan plan, List<Reservation> using) {
            plan.spaceChanges().forEach((space, change) -> spaces.merge(space, new Change(change, UsageChange.NONE), Change::plus));
            plan.ownerChanges().forEach((owner, change) -> owners.merge(owner, new Change(change, UsageChange.NONE), Change::plus));
            customer = new Change(plan.customerChange(), UsageChange.NONE);
            for (Reservation reservation : using) {
                Change givenBack = new Change(UsageChange.NONE, negated(reservation.held()));
                spaces.merge(reservation.space(), givenBack, Change::plus);
                if (reservation.owner() != null) {
                    owners.merge(reservation.owner(), givenBack, Change::plus);
                }
                customer = customer.plus(givenBack);
            }
        }

        private static UsageChange negated(UsageChange change) {
            return new UsageChange(-change.images(), -change.size(), -change.thumbnails());
        }
    }

    /**
     * A scope's state with a change applied, checked against its limit if it has one and the write is {@code limited}
     * (a write of what the storage was measured to hold is not): the limit caps what is stored and reserved together, so using up a
     * reservation with the figures it held changes nothing there.
     *
     * @throws Refusal when the change would take the scope past its limit
     */
    private static ScopeState admit(Scope scope, ScopeState state, Change change, boolean limited) throws Refusal {
        ScopeState after = new ScopeState(state.usage().plus(change.stored()), state.reserved().plus(change.reserved()), state.limit());
        UsageChange heldChange = change.stored().plus(change.reserved());
        if (limited && state.limit() != null
                && Admission.decide(scope, after.held(), heldChange, state.limit()) instanceof Admission.LimitExceeded exceeded) {
            throw new Refusal(exceeded);
        }
        return after;
    }

    /** A write refused by a scope's limit: ends the deciding of that write alone. */
    private static final class Refusal extends Exception {

        private final transient Admission.LimitExceeded exceeded;

        Refusal(Admission.LimitExceeded exceeded) {
            super(null, null, false, false);
            this.exceeded = exceeded;
        }
    }

    /** Puts an accepted write's records into the current state; answers each record's asset as now stored. */
    private List<StoredAsset> apply(Write write, BatchPlan plan) {
        Set<StorageRecord> changing = new HashSet<>(plan.inserts());
        changing.addAll(plan.updates());
        List<StoredAsset> assets = new ArrayList<>(write.records().size());
        for (StorageRecord record : write.records()) {
            CustomerAsset key = new CustomerAsset(write.customer(), record.ref());
            touched.add(key);
            if (record.isDeletion()) {
                current.remove(key);
                assets.add(null);
            } else if (changing.contains(record)) {
                StoredAsset after = new StoredAsset(record.ref(), record.size(), record.owner(), now);
                current.put(key, after);
                assets.add(after);
            } else {
                assets.add(current.get(key)); // the plan found it stored with these very figures
            }
        }
        return assets;
    }

    /** The first record that names {@code user} as its owner, or -1 when only a stored asset names them. */
    private static int firstIndexNaming(Write write, String user) {
        for (int index = 0; index < write.records().size(); index++) {
            if (user.equals(write.records().get(index).owner())) {
                return index;
            }
        }
        return -1;
    }

    private static int firstIndexOf(Write write, int space) {
        for (int index = 0; index < write.records().size(); index++) {
            if (write.records().get(index).ref().space() == space) {
                return index;
            }
        }
        throw new IllegalStateException("no record names space " + space);
    }

    /** The outcome of each write, in the order the writes were given. */
    public List<WriteOutcome> outcomes() {
        return Collections.unmodifiableList(outcomes);
    }

    /** An asset row to insert or rewrite. */
    public record Row(int customer, StoredAsset asset) {

        /** A reservation row to insert. */
        public record Reserved(int customer, Reservation reservation) {
        }
    }

    /** The reservations made by the group's writes. */
    public List<Row.Reserved> reservations() {
        return Collections.unmodifiableList(reserved);
    }

    /** The reservations used up by the group's records. */
    public List<ReservationKey> usedReservations() {
        return Collections.unmodifiableList(used);
    }

    public List<Row> inserts() {
        return touched.stream().filter(key -> !initial.containsKey(key) && current.containsKey(key))
                .map(key -> new Row(key.customer(), current.get(key))).toList();
    }

    public List<Row> updates() {
        return touched.stream().filter(key -> initial.containsKey(key) && current.containsKey(key)
                        && !initial.get(key).equals(current.get(key)))
                .map(key -> new Row(key.customer(), current.get(key))).toList();
    }

    public List<CustomerAsset> deletes() {
        return touched.stream().filter(key -> initial.containsKey(key) && !current.containsKey(key)).toList();
    }

    /** The new totals of each space whose totals changed, in lock order. */
    public SortedMap<SpaceKey, Usage> spaceTotals() {
        return changed(spaces, initialSpaces);
    }

    /** The new totals of each owner whose totals changed, in lock order. */
    public SortedMap<OwnerKey, Usage> ownerTotals() {
        return changed(owners, initialOwners);
    }

    /** The new totals of each customer whose totals changed, in lock order. */
    public SortedMap<Integer, Usage> customerTotals() {
        return changed(customers, initialCustomers);
    }

    private static <K> SortedMap<K, Usage> changed(Map<K, ScopeState> now, Map<K, ScopeState> before) {
        SortedMap<K, Usage> changed = new TreeMap<>();
        now.forEach((key, state) -> {
            if (!state.usage().equals(before.get(key).usage())) {
                changed.put(key, state.usage());
            }
        });
        return changed;
    }
}
