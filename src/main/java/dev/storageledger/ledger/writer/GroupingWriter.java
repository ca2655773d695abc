package dev.storageledger.ledger.writer;

import dev.storageledger.LedgerProperties;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import dev.storageledger.worker.Worker;
import dev.storageledger.worker.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * The write side of the ledger, one pipeline with one entry. Every write (a single record, a deletion, a batch, a
 * reservation) is queued in a bounded queue, and the writer thread ({@link #WRITERS} of them, each with the queue of
 * its share of the customers) takes the writes waiting at that moment and applies them as one group in one transaction
 * ({@link WriteTransaction}: retries, uncertain commits; {@link GroupRun}: lock, read, decide, apply). A write that
 * would pass a limit is refused alone; the others of its group commit. Because the totals rows stay locked until
 * commit, writers of one scope are serialised by PostgreSQL itself across any number of threads and service instances,
 * so no limit can be passed and no update lost; because a group shares one commit, a customer that many writers hit at
 * once costs one commit per group rather than one per write.
 *
 * <p>A write that finds its queue full waits for room up to LEDGER_WRITE_QUEUE_WAIT, then is answered "not applied",
 * as when the database fails: the queue cannot grow without end behind a slow database. The Kafka ingestion's polls
 * ({@link #inTransaction}) run in their consumers' threads, bounded by their number, through the same transaction step.
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
    /** Kept here for the tests that size their batches by it. */
    static final int FRESH_BATCH_MINIMUM = GroupRun.FRESH_BATCH_MINIMUM;

    /** What applies a group of writes in a transaction, and a work in one: the transaction step, or a fake in tests. */
    interface Groups {

        /** The group's outcomes, in order; throws when one of its writes fails in a way of its own (the group is then split). */
        List<WriteOutcome> apply(List<Write> writes);

        <T> T inTransaction(Work<T> work);
    }

    private final Groups groups;
    private final WriteMetrics metrics;
    private final int capacity;
    private final Duration queueWait;
    /** One queue per writer thread; a customer's writes always go to the same one (see {@link #queueOf}). */
    private final List<LinkedBlockingDeque<Pending>> queues = new ArrayList<>();
    /**
     * Platform threads, not virtual ones: a writer holds its group's locks from its first statement to its commit,
     * so it must not wait for a carrier thread behind the requests that queue on it.
     */
    private final List<Worker> writers = new ArrayList<>();

    GroupingWriter(Groups groups, WriteMetrics metrics, LedgerProperties.Writes settings, Workers workers) {
        this.groups = groups;
        this.metrics = metrics;
        this.capacity = settings.queueCapacity();
        this.queueWait = settings.queueWait();
        for (int writer = 0; writer < WRITERS; writer++) {
            LinkedBlockingDeque<Pending> queue = new LinkedBlockingDeque<>(capacity);
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
            return GroupRun.isLarge(write);
        }
    }

    /** The writes waiting in the queues, not yet taken by a writer. */
    int waiting() {
        return queues.stream().mapToInt(LinkedBlockingDeque::size).sum();
    }

    @Override
    public WriteOutcome write(Operation operation, Write write) {
        Pending pending = new Pending(write, new CompletableFuture<>());
        try {
            if (!queueOf(write.customer()).offerLast(pending, queueWait.toNanos(), TimeUnit.NANOSECONDS)) {
                return new WriteOutcome.Unavailable("The ledger's write queue stayed full (" + capacity + " writes waiting) for "
                        + queueWait.toMillis() + " ms; nothing was applied");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WriteOutcome.Unavailable("The write was interrupted while it waited for room in the ledger's write queue; "
                    + "nothing was applied");
        }
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

    @Override
    public <T> T inTransaction(Work<T> work) {
        return groups.inTransaction(work);
    }

    /** A writer thread's round: takes the writes waiting now (a large batch alone) and applies them as one group. */
    private boolean applyGroup(LinkedBlockingDeque<Pending> queue) throws InterruptedException {
        List<Pending> group = new ArrayList<>();
        try {
            group.add(queue.takeFirst());
            // Only this thread takes from the queue, so the write looked at is the one then taken.
            while (!group.getFirst().isLarge() && group.size() < GROUP_WRITES) {
                Pending next = queue.peekFirst();
                if (next == null || next.isLarge()) {
                    break;
                }
                group.add(queue.pollFirst());
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
        try {
            List<WriteOutcome> outcomes = groups.apply(group.stream().map(Pending::write).toList());
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
