package dev.storageledger;

/** The service cannot carry out the request now, though it may on a retry. Answered with 503. */
public final class UnavailableException extends RuntimeException {

    public UnavailableException(String detail) {
        super(detail, null, false, false);
    }
}
