package dev.storageledger;

/** The request cannot be carried out in the resource's current state. Answered with 409 and this detail. */
public final class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail, null, false, false);
    }
}
