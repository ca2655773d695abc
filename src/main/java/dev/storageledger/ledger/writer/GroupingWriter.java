package dev.storageledger.ledger.writer;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.DatabaseFailure;
import dev.storageledger.database.DatabaseStatus;
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
import dev.storageledger.worker.Worker;
import dev.storageledger.worker.Workers;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * The write side of the ledger. Every write (a single record, a deletion, a batch) is queued, and the writer thread
 * ({@link #WRITERS} of them, each with the queue of its share of the customers) takes the writes waiting at that
 * moment and applies them as one group in one transaction: lock the
 * totals rows of every space and customer the group names (in a fixed order), read the stored assets and lock
 * the totals rows of their owners and of the owners the records name, let
 * {@link WriteGroup} decide each write in turn against those locked totals, write the net change, commit. A
 * write that would pass a limit is refused alone; the others of its group commit. Because the totals rows stay
 * locked until commit, writers of one scope are serialised by PostgreSQL itself across any number of threads and
 * service instances, so no limit can be passed and no update lost; because a group shares one commit, a customer
 * that many writers hit at once costs one commit per group rather than one per write.
 *
 * <p>What a client is told when the database fails: a group whose transaction failed before its commit was sent was
 * rolled back by PostgreSQL (a lost connection included), so each of its writes is {@link WriteOutcome.Unavailable}
 * with why (the database cannot be reached, has no room left on its disk, ...) and "nothing was applied". A group
 * whose commit itself failed (the connection broke while or after COMMIT was sent) may have been committed: each of
 * its writes that was to be applied is {@link WriteOutcome.Uncertain}, unless the database answered that it rolled
 * back.
 */
@Service
public class GroupingWriter implements LedgerWriter, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupingWriter.class);

    /**
     * Groups applied at once. One: the writes that arrive while a group is applied wait for the next, so groups grow
     * with the load and share one commit. Measured with writes spread over many customers (32 connections, 2 cores),
     * four writers made groups of 2 to 3 writes, each paying its three round trips and its commit; one writer makes
     * groups of about 13 at half the processor time per write and leads the other designs. The queues stay, so that
     * more writers keep a customer's writes in one queue.
     */
    static final int WRITERS = 1;
    /** The most writes in one group; as each has fewer than FRESH_BATCH_MINIMUM records, a group stays small. */
    static final int GROUP_WRITES = 64;
    /** From this many records, a write of only new records is first tried as one plain INSERT, in a group of its own. */
    static final int FRESH_BATCH_MINIMUM = 64;
    /** A group that loses a race (a serialisation failure, a lock timeout) is simply run again. */
    private static final int MAX_ATTEMPTS = 25;
    private static final String COMMIT_FAILED = "The connection to the ledger's database failed while the write was being committed";

    private final WriteGroupRepository ledger;
    private final ChangesRepository changes;
    private final PlatformTransactionManager transactions;
    private final WriteMetrics metrics;
    private final DatabaseStatus database;
    private final CrossingAnnouncer crossings;
    private final Fullness.Thresholds thresholds;
    /** One queue per writer thread; a customer's writes always go to the same one (see {@link #queueOf}). */
    private final List<LinkedBlockingDeque<Pending>> queues = new ArrayList<>();
    /**
     * Platform threads, not virtual ones: a writer holds its group's locks from its first statement to its commit,
     * so it must not wait for a carrier thread behind the requests that queue on it.
     */
    private final List<Worker> writers = new ArrayList<>();

    GroupingWriter(WriteGroupRepository ledger, ChangesRepository changes, PlatformTransactionManager transactionManager,
            WriteMetrics metrics, DatabaseStatus database, CrossingAnnouncer crossings, LedgerProperties properties, Workers workers) {
        this.changes = changes;
        this.crossings = crossings;
        this.thresholds = new Fullness.Thresholds(properties.quota().nearing(), properties.quota().critical());
        this.ledger = ledger;
        this.transactions = transactionManager;
        this.metrics = metrics;
        this.database = database;
        for (int writer = 0; writer < WRITERS; writer++) {
            LinkedBlockingDeque<Pending> queue = new LinkedBlockingDeque<>();
            queues.add(queue);
            Worker worker = workers.worker("ledger-writer-" + writer, Duration.ZERO, () -> applyGroup(queue));
            writers.add(worker);
            worker.start();
        }
    }

    /**
     * A customer's writes all go to one writer, so that in this instance no two groups wait for each other's
     * locks, and the writes to a hot customer gather in one queue while its previous group commits: the next
     * group then carries all of them.
     */
    private LinkedBlockingDeque<Pending> queueOf(int customer) {
        return queues.get(Math.floorMod(customer, WRITERS));
    }

    private record Pending(Write write, CompletableFuture<WriteOutcome> outcome) {

        boolean isLarge() {
            return write instanceof Write.Records records && records.records().size() >= FRESH_BATCH_MINIMUM;
        }
    }

    @Override
    public WriteOutcome write(Operation operation, Write write) {
        Pending pending = new Pending(write, new CompletableFuture<>());
        queueOf(write.customer()).add(pending);
        WriteOutcome outcome;
        try {
            outcome = pending.outcome().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        switch (outcome) {
            case WriteOutcome.Applied applied -> metrics.accepted(operation);
            case WriteOutcome.Reserved reserved -> metrics.accepted(operation);
            case WriteOutcome.Refused refused -> metrics.refused(operation, refused.refusal());
            case WriteOutcome.Overflowed overflowed -> metrics.overflowed(operation);
            case WriteOutcome.UnknownCustomer unknown -> {
            }
            case WriteOutcome.UnknownSpace unknown -> {
            }
            case WriteOutcome.UnknownOwner unknown -> {
            }
            case WriteOutcome.Unavailable unavailable -> {
            }
            case WriteOutcome.Uncertain uncertain -> {
            }
        }
        return outcome;
    }

    /** A writer thread's round: takes the writes waiting now (a large batch alone) and applies them as one group. */
    private boolean applyGroup(LinkedBlockingDeque<Pending> queue) throws InterruptedException {
        List<Pending> group = new ArrayList<>();
        try {
            group.add(queue.takeFirst());
            while (!group.getFirst().isLarge() && group.size() < GROUP_WRITES) {
                Pending next = queue.pollFirst();
                if (next == null) {
                    break;
                }
                if (next.isLarge()) {
                    queue.addFirst(next);
                    break;
                }
                group.add(next);
            }
            apply(group);
        } catch (Throwable unexpected) {
            // Whatever the writer meets, its group's writers are answered, or they would wait for ever.
            group.forEach(pending -> pending.outcome().completeExceptionally(unexpected));
            throw unexpected;
        }
        return false;
    }

    private void apply(List<Pending> group) {
        List<Write> writes = group.stream().map(Pending::write).toList();
        try {
            List<WriteOutcome> outcomes = retrying(writes);
            for (int index = 0; index < group.size(); index++) {
                group.get(index).outcome().complete(outcomes.get(index));
            }
        } catch (RuntimeException e) {
            if (group.size() > 1) {
                group.forEach(pending -> apply(List.of(pending))); // so that one write's failure is its own alone
            } else {
                log.error("A write of customer {} failed", group.getFirst().write().customer(), e);
                group.getFirst().outcome().completeExceptionally(e);
            }
        }
    }

    private List<WriteOutcome> retrying(List<Write> writes) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(writes);
            } catch (TransientDataAccessException e) {
                if (attempt == MAX_ATTEMPTS) {
                    return writes.stream().<WriteOutcome>map(write -> new WriteOutcome.Unavailable(
                            "The write lost " + MAX_ATTEMPTS + " races with concurrent writes; nothing was applied; retry it")).toList();
                }
            }
        }
    }

    /**
     * The group in one transaction. Before the commit is sent, a failure leaves nothing applied; after, only the
     * database's answer that it rolled back does.
     */
    private List<WriteOutcome> inTransaction(List<Write> writes) {
        TransactionStatus transaction;
        try {
            transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
        } catch (RuntimeException e) {
            return notApplied(writes, e);
        }
        List<WriteOutcome> outcomes;
        try {
            outcomes = applyInTransaction(writes, transaction);
        } catch (RuntimeException e) {
            rollBack(transaction);
            return notApplied(writes, e);
        } catch (Error e) {
            rollBack(transaction);
            throw e;
        }
        try {
            transactions.commit(transaction);
        } catch (RuntimeException e) {
            if (rolledBack(e)) {
                return notApplied(writes, e);
            }
            log.warn("The commit of a group of {} writes failed, so whether it was applied is unknown: {}", writes.size(), e.toString());
            return outcomes.stream().map(GroupingWriter::uncertain).toList();
        }
        database.writeCommitted();
        metrics.groupApplied(writes.size());
        return outcomes;
    }

    /**
     * The outcomes of a group that was not applied: a failure of the database answers each write with why; a race
     * lost is thrown to be run again, and any other failure to be split.
     */
    private List<WriteOutcome> notApplied(List<Write> writes, RuntimeException e) {
        Optional<DatabaseFailure> found = DatabaseFailure.of(e);
        if (found.isEmpty()) {
            throw e; // a race lost (run again) or a failure of one write (split)
        }
        DatabaseFailure failure = found.get(); // a statement timed out is no race: running it again would wait as long
        database.writeFailed(failure);
        log.debug("A group of {} writes was not applied: {}", writes.size(), failure.cause());
        return writes.stream().<WriteOutcome>map(write -> new WriteOutcome.Unavailable(failure.description() + "; nothing was applied"))
                .toList();
    }

    private void rollBack(TransactionStatus transaction) {
        try {
            transactions.rollback(transaction);
        } catch (RuntimeException e) {
            // The connection is broken: the database rolls the transaction back as it drops the session.
            log.debug("The rollback of a failed group failed too", e);
        }
    }

    /** Whether a failed commit is known to have rolled back: the database said so (transaction rollback, or a constraint checked at commit). */
    private static boolean rolledBack(RuntimeException commitFailure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = commitFailure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** What a write that was to be applied became when its commit failed: uncertain; a refusal stays a refusal. */
    private static WriteOutcome uncertain(WriteOutcome decided) {
        return switch (decided) {
            case WriteOutcome.Applied applied -> new WriteOutcome.Uncertain(COMMIT_FAILED);
            case WriteOutcome.Reserved reserved -> new WriteOutcome.Uncertain(COMMIT_FAILED);
            case WriteOutcome.Refused refused -> refused;
            case WriteOutcome.Overflowed overflowed -> overflowed;
            case WriteOutcome.UnknownCustomer unknown -> unknown;
            case WriteOutcome.UnknownSpace unknown -> unknown;
            case WriteOutcome.UnknownOwner unknown -> unknown;
            case WriteOutcome.Unavailable unavailable -> unavailable;
            case WriteOutcome.Uncertain uncertain -> uncertain;
        };
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

    private List<WriteOutcome> applyInTransaction(List<Write> writes, TransactionStatus status) {
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

    /** Which of the spaces and customers that a group's caller named exist, read once their totals rows are locked. */
    public record LockedScopes(Set<SpaceKey> spaces, Set<Integer> customers) {

        public LockedScopes {
            spaces = Set.copyOf(spaces);
            customers = Set.copyOf(customers);
        }
    }

    /**
     * A group decided and written in the caller's own open transaction, so that the caller may write rows of its own
     * in that transaction (the Kafka ingestion writes the offsets it consumed with the changes they caused). The totals
     * rows of {@code spaces} and {@code customers} are locked first, as for every group; then {@code group} makes the
     * writes from which of them exist and from whatever the caller reads under those locks; their writes may name no
     * other space or customer. A race lost is thrown ({@link TransientDataAccessException}) for the caller to run its
     * transaction again. Answers each write's outcome, in order (none when {@code group} makes none).
     */
    public List<WriteOutcome> applyInOpenTransaction(SortedSet<SpaceKey> spaces, SortedSet<Integer> customers,
            Function<LockedScopes, List<Write>> group) {
        WriteGroupRepository.Locked locked = ledger.lockScopes(spaces, customers);
        List<Write> writes = group.apply(new LockedScopes(locked.spaces().keySet(), locked.customers().keySet()));
        if (writes.isEmpty()) {
            return List.of();
        }
        Named named = Named.by(writes);
        if (!spaces.containsAll(named.spaces()) || !customers.containsAll(named.customers())) {
            throw new IllegalArgumentException("A group's writes name scopes that were not locked");
        }
        return decideAndApply(writes, named, locked);
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

    private static WriteOutcome stopping() {
        return new WriteOutcome.Unavailable("The service is stopping; the write was not applied");
    }
    @Override
    public void destroy() {
        writers.forEach(Worker::stop);
        for (LinkedBlockingDeque<Pending> queue : queues) {
            Pending pending;
            while ((pending = queue.pollFirst()) != null) {
                pending.outcome().complete(stopping());
            }
        }
    }
}
