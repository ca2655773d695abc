package dev.storageledger;

/** The request names something the ledger does not hold. Answered with 404 and this detail. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail, null, false, false);
    }
}
