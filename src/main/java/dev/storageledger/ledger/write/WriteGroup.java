package dev.storageledger.ledger.write;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.BatchSummary;
import dev.storageledger.ledger.count.Tally;
import dev.storageledger.ledger.count.TotalOverflowException;
import dev.storageledger.ledger.limit.Admission;
import dev.storageledger.ledger.limit.Fullness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a group of writes is decided: one after another, against the totals and assets that their transaction has
 * locked, as if each had its own transaction. A write sees the effect of every accepted write before it; one that
 * would pass a limit (or names an unknown customer, space or owner) is refused alone, leaving the others. The group
 * answers each write's outcome and the net {@link Changes} to write, all in one transaction: this is how many
 * concurrent writes to one hot customer cost one commit instead of one each.
 */
public final class WriteGroup {

    private final Instant now;
    private final Map<Integer, ScopeState> customers;
    private final Map<SpaceKey, ScopeState> spaces;
    private final Map<OwnerKey, ScopeState> owners;
    private final Map<ReservationKey, Reservation> liveReservations;
    private final GroupChanges changes;
    /** The thresholds of quota states, or null when crossings are not wanted. */
    private final Fullness.Thresholds thresholds;
    /** Each change of a limit's state, write by write, in the order the accepted writes made them. */
    private final List<Crossing> crossings = new ArrayList<>();

    private WriteGroup(Locks locks, Map<CustomerAsset, StoredAsset> stored, Instant now, Fullness.Thresholds thresholds) {
        this.thresholds = thresholds;
        this.customers = new HashMap<>(locks.customers());
        this.spaces = new HashMap<>(locks.spaces());
        this.owners = new HashMap<>(locks.owners());
        this.liveReservations = new HashMap<>(locks.reservations());
        this.changes = new GroupChanges(stored);
        this.now = requireNonNull(now, "now is null");
    }

    /**
     * The scopes that a group's transaction has locked, with their totals, reserved room and limits, and the live
     * reservations that its records name.
     *
     * @param customers    each existing customer that the writes name
     * @param spaces       each existing space that the writes name
     * @param owners       each existing user that the writes name as an owner, or that owns an asset they name
     * @param reservations each live reservation that a record names
     */
    public record Locks(Map<Integer, ScopeState> customers, Map<SpaceKey, ScopeState> spaces, Map<OwnerKey, ScopeState> owners,
            Map<ReservationKey, Reservation> reservations) {

        public Locks {
            customers = Map.copyOf(customers);
            spaces = Map.copyOf(spaces);
            owners = Map.copyOf(owners);
            reservations = Map.copyOf(reservations);
        }
    }

    /**
     * Each write's outcome, in the order the writes were given, the net change to write, and the limits whose state
     * (normal, nearing, critical, exceeded) the group's accepted writes changed.
     */
    public record Decision(List<WriteOutcome> outcomes, Changes changes, List<Crossing> crossings) {

        public Decision {
            outcomes = List.copyOf(outcomes);
            requireNonNull(changes, "changes is null");
            crossings = List.copyOf(crossings);
        }

        public Decision(List<WriteOutcome> outcomes, Changes changes) {
            this(outcomes, changes, List.of());
        }
    }

    /**
     * @param stored the stored assets among those that the writes name
     * @param now    the time of the group's transaction: the lastChecked of every asset it changes
     */
    public static Decision decide(List<Write> writes, Locks locks, Map<CustomerAsset, StoredAsset> stored, Instant now) {
        return decide(writes, locks, stored, now, null);
    }

    /**
     * {@link #decide(List, Locks, Map, Instant)}, and the limits whose state the accepted writes changed, at these
     * thresholds (none when they are null).
     */
    public static Decision decide(List<Write> writes, Locks locks, Map<CustomerAsset, StoredAsset> stored, Instant now,
            Fullness.Thresholds thresholds) {
        WriteGroup group = new WriteGroup(locks, stored, now, thresholds);
        List<WriteOutcome> outcomes = new ArrayList<>(writes.size());
        for (Write write : writes) {
            outcomes.add(group.decide(write));
        }
        return new Decision(outcomes, group.changes.build(), group.crossings);
    }

    private WriteOutcome decide(Write write) {
        int customer = write.customer();
        if (!customers.containsKey(customer)) {
            return new WriteOutcome.UnknownCustomer(customer);
        }
        try {
            return switch (write) {
                case Write.Records records -> decideRecords(records);
                case Write.Reserve reserve -> decideReservation(reserve);
            };
        } catch (TotalOverflowException e) {
            return new WriteOutcome.Overflowed();
        }
    }

    private WriteOutcome decideRecords(Write.Records write) {
        int customer = write.customer();
        Tally tally = new Tally();
        List<Tally.Effect> effects = new ArrayList<>(write.records().size());
        for (StorageRecord record : write.records()) {
            effects.add(tally.record(customer, record, changes.current(new CustomerAsset(customer, record.ref()))));
        }
        // The room of the live reservations that the records use is given back where it was held.
        List<Reservation> using = write.records().stream().map(StorageRecord::reservation).filter(Objects::nonNull).distinct()
                .map(id -> liveReservations.get(new ReservationKey(customer, id))).filter(Objects::nonNull).toList();
        for (Reservation reservation : using) {
            tally.giveBack(customer, reservation.space(), reservation.owner(), reservation.held());
        }
        Optional<WriteOutcome> refusal = refusal(write, tally, !write.measured());
        if (refusal.isPresent()) {
            return refusal.get();
        }
        accept(tally);
        for (Reservation reservation : using) {
            liveReservations.remove(new ReservationKey(customer, reservation.id()));
            changes.use(new ReservationKey(customer, reservation.id()));
        }
        return new WriteOutcome.Applied(summary(effects), changes.apply(write, effects, now));
    }

    /** A new reservation: its room is held in its space, its owner and its customer, each checked against its limit. */
    private WriteOutcome decideReservation(Write.Reserve write) {
        Reservation reservation = write.request().at(now);
        Tally tally = new Tally();
        tally.hold(write.customer(), reservation.space(), reservation.owner(), reservation.held());
        Optional<WriteOutcome> refusal = refusal(write, tally, true);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        accept(tally);
        liveReservations.put(new ReservationKey(write.customer(), reservation.id()), reservation);
        changes.reserve(new Changes.ReservationRow(write.customer(), reservation));
        return new WriteOutcome.Reserved(reservation);
    }

    /**
     * Why a write's changes may not be made: a space or an owner they move that the customer does not have, or a
     * limit they would pass (unless the write is not {@code limited}); checked space by space, owner by owner, then
     * the customer. Empty when every scope admits them.
     */
    private Optional<WriteOutcome> refusal(Write write, Tally tally, boolean limited) {
        int customer = write.customer();
        for (Map.Entry<SpaceKey, Tally.ScopeChange> entry : tally.spaces().entrySet()) {
            ScopeState state = spaces.get(entry.getKey());
            if (state == null && names(write, entry.getValue())) {
                return Optional.of(new WriteOutcome.UnknownSpace(customer, entry.getKey().space(), write.indexNamingSpace(entry.getKey().space())));
            }
            if (state != null && limited && exceeds(new Scope.Space(customer, entry.getKey().space()), state, entry.getValue())
                    instanceof Admission.LimitExceeded exceeded) {
                return Optional.of(new WriteOutcome.Refused(exceeded));
            }
        }
        for (Map.Entry<OwnerKey, Tally.ScopeChange> entry : tally.owners().entrySet()) {
            ScopeState state = owners.get(entry.getKey());
            if (state == null && names(write, entry.getValue())) {
                return Optional.of(new WriteOutcome.UnknownOwner(customer, entry.getKey().user(), write.indexNamingOwner(entry.getKey().user())));
            }
            if (state != null && limited && exceeds(new Scope.Owner(customer, entry.getKey().user()), state, entry.getValue())
                    instanceof Admission.LimitExceeded exceeded) {
                return Optional.of(new WriteOutcome.Refused(exceeded));
            }
        }
        Tally.ScopeChange change = tally.customers().getOrDefault(customer, Tally.ScopeChange.NONE);
        if (limited && exceeds(new Scope.Customer(customer), customers.get(customer), change) instanceof Admission.LimitExceeded exceeded) {
            return Optional.of(new WriteOutcome.Refused(exceeded));
        }
        return Optional.empty();
    }

    /**
     * Whether a write names a scope that it changes: a reservation names its space and owner; records name the scopes
     * whose stored totals they move (the room of a reservation they use up, held in a space deleted since, is simply
     * not given back there).
     */
    private static boolean names(Write write, Tally.ScopeChange change) {
        return switch (write) {
            case Write.Records records -> !change.stored().isNone();
            case Write.Reserve reserve -> !change.isNone();
        };
    }

    /**
     * A scope's change decided against its limit: the limit caps what is stored and reserved together, so using up a
     * reservation with the figures it held changes nothing there.
     */
    private static Admission exceeds(Scope scope, ScopeState state, Tally.ScopeChange change) {
        if (change.isNone()) {
            return Admission.ADMITTED;
        }
        return Admission.decide(scope, state.usage(), state.reserved(), state.after(change).held(), change.held(), state.limit());
    }

    /**
     * The scopes of an accepted write take its changes; the group's net change takes them too. Each limit whose state
     * the write changes is a crossing: a group of writes that fill a scope step by step makes each step's crossing, as
     * the same writes made one by one would.
     */
    private void accept(Tally tally) {
        tally.spaces().forEach((key, change) -> spaces.computeIfPresent(key,
                (unused, state) -> crossed(new Scope.Space(key.customer(), key.space()), state, state.after(change))));
        tally.owners().forEach((key, change) -> owners.computeIfPresent(key,
                (unused, state) -> crossed(new Scope.Owner(key.customer(), key.user()), state, state.after(change))));
        tally.customers().forEach((key, change) -> customers.computeIfPresent(key,
                (unused, state) -> crossed(new Scope.Customer(key), state, state.after(change))));
        changes.count(tally);
    }

    private ScopeState crossed(Scope scope, ScopeState before, ScopeState after) {
        if (thresholds != null) {
            crossings.addAll(Crossing.between(scope, before, after, thresholds));
        }
        return after;
    }

    private static BatchSummary summary(List<Tally.Effect> effects) {
        int created = 0;
        int updated = 0;
        int deleted = 0;
        for (Tally.Effect effect : effects) {
            switch (effect) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case DELETED -> deleted++;
                case UNCHANGED -> {
                }
            }
        }
        return new BatchSummary(created, updated, deleted);
    }
}
