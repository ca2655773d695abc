package dev.storageledger.ledger.write;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.BatchSummary;
import dev.storageledger.ledger.limit.Admission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What became of one write. */
public sealed interface WriteOutcome {

    /** Applied: what it did, and each record's asset as now stored (null for a deletion). */
    record Applied(BatchSummary summary, List<StoredAsset> assets) implements WriteOutcome {

        public Applied {
            requireNonNull(summary, "summary is null");
            assets = Collections.unmodifiableList(new ArrayList<>(assets));
        }
    }

    /** A reservation made: its room is now held. */
    record Reserved(Reservation reservation) implements WriteOutcome {
    }

    /** Refused: it would take a scope past its limit. Nothing of it was applied. */
    record Refused(Admission.LimitExceeded refusal) implements WriteOutcome {
    }

    /** Refused: a total would pass the largest the ledger can hold. Nothing of it was applied. */
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

    /**
     * Not applied now, and known not to be (the service is stopping, the write kept losing races, the database could
     * not be reached or had no room before the write was committed); a retry may succeed.
     */
    record Unavailable(String reason) implements WriteOutcome {

        public Unavailable {
            requireNonNull(reason, "reason is null");
        }
    }

    /**
     * Not known: the connection to the database failed while or after its commit was sent, so it may have been
     * applied or not. A retry is safe for records (their figures are absolute); a reservation may have been made.
     */
    record Uncertain(String reason) implements WriteOutcome {

        public Uncertain {
            requireNonNull(reason, "reason is null");
        }
    }
}
