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

    /** Not applied now (the service is stopping, or the write kept losing races); a retry may succeed. */
    record Unavailable(String reason) implements WriteOutcome {

        public Unavailable {
            requireNonNull(reason, "reason is null");
        }
    }
}
