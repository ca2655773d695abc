package dev.storageledger.ledger.write;

import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.BatchSummary;
import dev.storageledger.ledger.limit.Admission;

import java.util.List;

/** What became of one write of a group. */
public sealed interface WriteOutcome {

    /** Applied: what it did, and each record's asset as now stored (absent for a deletion). */
    record Applied(BatchSummary summary, List<StoredAsset> assets) implements WriteOutcome {
    }

    /** A reservation made: its room is now held. */
    record Reserved(Reservation reservation) implements WriteOutcome {
    }

    record Refused(Admission.LimitExceeded refusal) implements WriteOutcome {
    }

    record Overflowed() implements WriteOutcome {
    }

    record UnknownCustomer(int customer) implements WriteOutcome {
    }

    /** The record at {@code index} (-1: the reservation) names a space the customer does not have. */
    record UnknownSpace(int customer, int space, int index) implements WriteOutcome {
    }

    /** The record at {@code index} (-1: a stored asset, or the reservation) names an owner who is not a user of the customer. */
    record UnknownOwner(int customer, String user, int index) implements WriteOutcome {
    }
}
