package dev.storageledger.ledger.writer;

import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * Where every write of the ledger goes, the API's, the batches', the audits' and the Kafka ingestion's: {@link GroupingWriter}
 * in the service, a hand-written fake in web tests.
 */
public interface LedgerWriter {

    /**
     * Decides a write and, when it is accepted, commits it; answers its outcome, a failure of the database included
     * (not applied, or uncertain when the commit itself failed), and a queue too full to take it (not applied). Only an
     * unexpected failure is thrown.
     */
    WriteOutcome write(Operation operation, Write write);

    /**
     * Runs {@code work} in one write transaction of its own, in the calling thread, with the writer's transaction step:
     * its lock waits bounded, run again from its start when it loses a race. The work may write rows of its own beside
     * the writes it makes through {@link Transaction#apply} (the Kafka ingestion stores the offsets it consumed with the
     * changes they caused), and must wait for nothing but the database: the totals rows it locks stay locked until the
     * commit. Answers what the work answered, once committed; throws {@link NotCommitted} when the database failed, and
     * whatever the work threw (its transaction rolled back).
     */
    default <T> T inTransaction(Work<T> work) {
        throw new UnsupportedOperationException("This writer takes single writes only");
    }

    /** What runs in a write transaction of its own (see {@link #inTransaction}); may be run more than once. */
    @FunctionalInterface
    interface Work<T> {

        T run(Transaction transaction);
    }

    /** The open write transaction of a {@link Work}. */
    @FunctionalInterface
    interface Transaction {

        /**
         * A group decided and written in this transaction. The totals rows of {@code spaces} and {@code customers} are
         * locked first, as for every group; then {@code group} makes the writes from which of them exist and from
         * whatever the caller reads under those locks; their writes may name no other space or customer. Answers each
         * write's outcome, in order (none when {@code group} makes none).
         */
        List<WriteOutcome> apply(SortedSet<SpaceKey> spaces, SortedSet<Integer> customers, Function<LockedScopes, List<Write>> group);
    }

    /** Which of the spaces and customers that a group's caller named exist, read once their totals rows are locked. */
    record LockedScopes(Set<SpaceKey> spaces, Set<Integer> customers) {

        public LockedScopes {
            spaces = Set.copyOf(spaces);
            customers = Set.copyOf(customers);
        }
    }

    /** A {@link Work}'s transaction was not committed (or its commit is uncertain): {@code getMessage()} says why. */
    final class NotCommitted extends RuntimeException {

        public NotCommitted(String reason) {
            super(reason);
        }
    }
}
