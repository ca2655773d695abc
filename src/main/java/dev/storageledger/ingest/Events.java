package dev.storageledger.ingest;

import dev.storageledger.ledger.writer.LedgerWriter;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** How the events of one topic are applied, in the transaction that also stores the offsets consumed. */
interface Events {

    /**
     * Applies a poll's events that no transaction applied before, in their order, in the caller's open write
     * transaction, whose {@link LedgerWriter.Transaction#apply} makes their writes. May be run again in a new
     * transaction when it loses a race.
     */
    Result apply(List<ConsumerRecord<byte[], byte[]>> events, LedgerWriter.Transaction transaction);

    /**
     * As {@link #apply}, but each event as a write of its own, so that one refused is refused alone: run, in a new
     * transaction, when {@link #apply} threw {@link CombinedWriteRefused}.
     */
    default Result applyEach(List<ConsumerRecord<byte[], byte[]>> events, LedgerWriter.Transaction transaction) {
        return apply(events, transaction);
    }

    /**
     * A write that combined several events was refused: the transaction is undone and the events are applied again
     * one write each, so that the bad ones go alone to the dead-letter topic and the others are applied.
     */
    final class CombinedWriteRefused extends RuntimeException {

        CombinedWriteRefused(String reason) {
            super("A write combining several events was refused (" + reason + "); they are applied one by one", null, false, false);
        }
    }

    /** An event that cannot be applied, and why. */
    record DeadLetter(ConsumerRecord<byte[], byte[]> event, String reason) {
    }

    /**
     * What the events did: how many changes were applied, how many changed nothing (older than what was applied, or
     * of a kind that stores nothing), and the events to send to the dead-letter topic.
     */
    record Result(int applied, int unchanged, List<DeadLetter> deadLetters) {

        public Result {
            deadLetters = List.copyOf(deadLetters);
        }
    }
}
