package dev.storageledger.ledger.writer;

import dev.storageledger.ledger.limit.Admission;

/** What the writer tells the service's meters of each write and each group. */
public interface WriteMetrics {

    void accepted(Operation operation);

    void refused(Operation operation, Admission.LimitExceeded refusal);

    void overflowed(Operation operation);

    /** How many writes one transaction carried. */
    void groupApplied(int writes);
}
