package dev.storageledger.ledger.writer;

import dev.storageledger.LedgerProperties;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Fullness;
import dev.storageledger.ledger.postgres.ChangesRepository;
import dev.storageledger.ledger.postgres.WriteGroupRepository;
import dev.storageledger.ledger.write.ReservationKey;
import dev.storageledger.ledger.write.ScopeState;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteGroup;
import dev.storageledger.ledger.write.WriteOutcome;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;

/**
 * A group of writes run in an open transaction: lock the totals rows of every space and customer the group names (in
 * a fixed order), read the stored assets and lock the totals rows of their owners and of the owners the records name,
 * let {@link WriteGroup} decide each write in turn against those locked totals, write the net change and announce the
 * crossings. Nothing here waits for anything but the database: the locks are held until the caller commits.
 */
@Component
class GroupRun {

    /** From this many records, a write of only new records is first tried as one plain INSERT, in a group of its own. */
    static final int FRESH_BATCH_MINIMUM = 64;

    private final WriteGroupRepository ledger;
    private final ChangesRepository changes;
    private final CrossingAnnouncer crossings;
    private final Fullness.Thresholds thresholds;

    GroupRun(WriteGroupRepository ledger, ChangesRepository changes, CrossingAnnouncer crossings, LedgerProperties.Quota quota) {
        this.ledger = ledger;
        this.changes = changes;
        this.crossings = crossings;
        this.thresholds = new Fullness.Thresholds(quota.nearing(), quota.critical());
    }

    static boolean isLarge(Write write) {
        return write instanceof Write.Records records && records.records().size() >= FRESH_BATCH_MINIMUM;
    }

    /** What a group's writes name: the scopes to lock, and the assets, owners and reservations to read under the locks. */
    private record Named(SortedSet<SpaceKey> spaces, SortedSet<Integer> customers, Set<OwnerKey> owners, Set<CustomerAsset> assets,
            Set<ReservationKey> reservations) {

        static Named by(List<Write> writes) {
            Named named = new Named(new TreeSet<>(), new TreeSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
            for (Write write : writes) {
                named.customers.add(write.customer());
                switch (write) {
                    case Write.Reserve reserve -> {
                        named.spaces.add(new SpaceKey(write.customer(), reserve.request().space()));
                        if (reserve.request().owner() != null) {
                            named.owners.add(new OwnerKey(write.customer(), reserve.request().owner()));
                        }
                    }
                    case Write.Records records -> {
                        for (StorageRecord record : records.records()) {
                            named.spaces.add(new SpaceKey(write.customer(), record.ref().space()));
                            named.assets.add(new CustomerAsset(write.customer(), record.ref()));
                            if (record.owner() != null) {
                                named.owners.add(new OwnerKey(write.customer(), record.owner()));
                            }
                            if (record.reservation() != null) {
                                named.reservations.add(new ReservationKey(write.customer(), record.reservation()));
                            }
                        }
                    }
                }
            }
            return named;
        }
    }

    /** The group's writes decided and written in {@code status}'s transaction; answers each write's outcome, in order. */
    List<WriteOutcome> apply(List<Write> writes, TransactionStatus status) {
        Named named = Named.by(writes);
        if (writes.size() == 1 && isFresh(writes.getFirst())) {
            WriteGroupRepository.Locked locked = ledger.lockScopes(named.spaces(), named.customers());
            Optional<List<WriteOutcome>> outcomes = applyFresh(writes, locked, named.owners(), status);
            if (outcomes.isPresent()) {
                return outcomes.get();
            }
            return decideAndApply(writes, named, locked);
        }
        // The common case: the locks and the reads under them in one round trip.
        WriteGroupRepository.LockedAndRead lockedAndRead = ledger.lockAndRead(named.spaces(), named.customers(), named.assets(),
                named.owners(), named.reservations());
        return decideAndApply(writes, lockedAndRead.locked(), lockedAndRead.read());
    }

    /** As {@link LedgerWriter.Transaction#apply}: the scopes locked first, then the writes that {@code group} makes from them. */
    List<WriteOutcome> apply(SortedSet<SpaceKey> spaces, SortedSet<Integer> customers, Function<LedgerWriter.LockedScopes, List<Write>> group) {
        WriteGroupRepository.Locked locked = ledger.lockScopes(spaces, customers);
        List<Write> writes = group.apply(new LedgerWriter.LockedScopes(locked.spaces().keySet(), locked.customers().keySet()));
        if (writes.isEmpty()) {
            return List.of();
        }
        Named named = Named.by(writes);
        if (!spaces.containsAll(named.spaces()) || !customers.containsAll(named.customers())) {
            throw new IllegalArgumentException("A group's writes name scopes that were not locked");
        }
        return decideAndApply(writes, named, locked);
    }

    private List<WriteOutcome> decideAndApply(List<Write> writes, Named named, WriteGroupRepository.Locked locked) {
        WriteGroupRepository.Read read = ledger.readUnderLocks(named.assets(), named.owners(), named.reservations(), locked.spaces().keySet(),
                locked.customers().keySet());
        return decideAndApply(writes, locked, read);
    }

    private List<WriteOutcome> decideAndApply(List<Write> writes, WriteGroupRepository.Locked locked, WriteGroupRepository.Read read) {
        WriteGroup.Decision decision = WriteGroup.decide(writes, locks(locked, read), read.assets(), locked.now(), thresholds);
        changes.applyChanges(decision.changes(), locked.historyDue() || read.historyDue());
        announce(decision);
        return decision.outcomes();
    }

    /** The locked scopes with the room reserved in them, and the owners and reservations read under those locks. */
    private static WriteGroup.Locks locks(WriteGroupRepository.Locked locked, WriteGroupRepository.Read read) {
        Map<SpaceKey, ScopeState> spaces = new HashMap<>();
        locked.spaces().forEach((key, state) -> spaces.put(key,
                new ScopeState(state.usage(), read.spacesReserved().getOrDefault(key, Usage.NONE), state.limit())));
        Map<Integer, ScopeState> customers = new HashMap<>();
        locked.customers().forEach((key, state) -> customers.put(key,
                new ScopeState(state.usage(), read.customersReserved().getOrDefault(key, Usage.NONE), state.limit())));
        return new WriteGroup.Locks(customers, spaces, read.owners(), read.reservations());
    }

    private static boolean isFresh(Write write) {
        return write instanceof Write.Records records && records.records().size() >= FRESH_BATCH_MINIMUM
                && records.records().stream().noneMatch(record -> record.isDeletion() || record.reservation() != null);
    }

    /**
     * A large batch of records that are probably all new (a bulk ingest) is decided as if none were stored and
     * written in one statement, which saves reading 10,000 absent rows. If one was stored after all, the INSERT
     * fails, its savepoint undoes it, and the answer is empty: the caller takes the general way. So is a batch
     * that this guess would refuse, so that every refusal is decided on what is really stored.
     */
    private Optional<List<WriteOutcome>> applyFresh(List<Write> writes, WriteGroupRepository.Locked locked, Set<OwnerKey> namedOwners,
            TransactionStatus status) {
        WriteGroupRepository.Read read = ledger.readUnderLocks(List.of(), namedOwners, List.of(), locked.spaces().keySet(),
                locked.customers().keySet());
        WriteGroup.Decision decision = WriteGroup.decide(writes, locks(locked, read), Map.of(), locked.now(), thresholds);
        if (!(decision.outcomes().getFirst() instanceof WriteOutcome.Applied)) {
            return Optional.empty();
        }
        Object savepoint = status.createSavepoint();
        try {
            changes.applyChanges(decision.changes(), locked.historyDue() || read.historyDue());
        } catch (DuplicateKeyException someAreStored) {
            status.rollbackToSavepoint(savepoint);
            return Optional.empty();
        }
        status.releaseSavepoint(savepoint);
        announce(decision);
        return Optional.of(decision.outcomes());
    }

    /** The limits whose state the group changed, announced in its transaction: no statement when there are none. */
    private void announce(WriteGroup.Decision decision) {
        if (!decision.crossings().isEmpty()) {
            crossings.announce(decision.crossings());
        }
    }
}
