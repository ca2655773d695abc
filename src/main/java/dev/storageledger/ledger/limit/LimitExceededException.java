package dev.storageledger.ledger.limit;

import static java.util.Objects.requireNonNull;

/** Thrown inside a write's transaction to undo it whole when a limit refuses it. */
public final class LimitExceededException extends RuntimeException {

    private final Admission.LimitExceeded refusal;

    public LimitExceededException(Admission.LimitExceeded refusal) {
        super(requireNonNull(refusal, "refusal is null").detail(), null, false, false);
        this.refusal = refusal;
    }

    public Admission.LimitExceeded refusal() {
        return refusal;
    }
}
