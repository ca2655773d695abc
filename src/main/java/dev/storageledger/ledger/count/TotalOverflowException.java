package dev.storageledger.ledger.count;

/** A write would take a total past Long.MAX_VALUE, which is beyond every limit a policy can set. */
public final class TotalOverflowException extends RuntimeException {

    public TotalOverflowException() {
        super("the write would take a total past " + Long.MAX_VALUE + ", the largest the ledger holds", null, false, false);
    }
}
