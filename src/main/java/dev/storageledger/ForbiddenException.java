package dev.storageledger;

/** The caller is known but may not do this. Answered with 403. */
public final class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail, null, false, false);
    }
}
