package dev.storageledger.ingest;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** How the events of one topic are applied, in the transaction that also stores the offsets consumed. */
interface Events {

    /**
     * Applies a poll's events that no transaction applied before, in their order, in the caller's open transaction.
     * May be run again in a new transaction when it loses a race.
     */
    Result apply(List<ConsumerRecord<byte[], byte[]>> events);

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
