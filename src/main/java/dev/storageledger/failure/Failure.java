package dev.storageledger.failure;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request that the ledger will not carry out, and why: the one error that services throw. The web layer answers
 * each {@link Kind} with its status in one place; the detail is written for the client and names the problem.
 */
public final class Failure extends RuntimeException {

    /** At most this many problems of an invalid request are spelled out, so a batch of 10000 bad records reads well. */
    private static final int MAXIMUM_LISTED = 50;

    public enum Kind {
        /** The request is malformed. */
        INVALID,
        /** The caller is known but may not do this. */
        FORBIDDEN,
        /** The request names something the ledger does not hold. */
        NOT_FOUND,
        /** The request cannot be carried out in the resource's current state. */
        CONFLICT,
        /** The write would take a scope past a limit, or a total past the largest the ledger holds; nothing of it was applied. */
        INSUFFICIENT_STORAGE,
        /** The service cannot carry out the request now, though it may on a retry. */
        UNAVAILABLE,
        /** The caller has done this too often, or has too much of it under way; it may try again later. */
        TOO_MANY_REQUESTS
    }

    private final Kind kind;
    private final Duration retryAfter;

    private Failure(Kind kind, String detail) {
        this(kind, detail, null);
    }

    private Failure(Kind kind, String detail, Duration retryAfter) {
        super(requireNonNull(detail, "detail is null"), null, false, false);
        this.kind = requireNonNull(kind, "kind is null");
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** How long the caller should wait before trying again, when the ledger knows it. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The detail told to the client. */
    public String detail() {
        return getMessage();
    }

    public static Failure invalid(String problem) {
        return new Failure(Kind.INVALID, problem);
    }

    /** An invalid request with every problem found in it (at least one). */
    public static Failure invalid(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one problem");
        }
        String detail = problems.size() <= MAXIMUM_LISTED ? String.join("; ", problems)
                : String.join("; ", problems.subList(0, MAXIMUM_LISTED)) + "; and " + (problems.size() - MAXIMUM_LISTED) + " more problems";
        return new Failure(Kind.INVALID, detail);
    }

    public static Failure forbidden(String detail) {
        return new Failure(Kind.FORBIDDEN, detail);
    }

    public static Failure notFound(String detail) {
        return new Failure(Kind.NOT_FOUND, detail);
    }

    public static Failure conflict(String detail) {
        return new Failure(Kind.CONFLICT, detail);
    }

    public static Failure insufficientStorage(String detail) {
        return new Failure(Kind.INSUFFICIENT_STORAGE, detail);
    }

    public static Failure unavailable(String detail) {
        return new Failure(Kind.UNAVAILABLE, detail);
    }

    /** Too many requests of this kind, or too much under way, with no time known after which it will be allowed. */
    public static Failure tooManyRequests(String detail) {
        return new Failure(Kind.TOO_MANY_REQUESTS, detail);
    }

    /** Too many requests of this kind: refused until {@code retryAfter} has passed. */
    public static Failure tooManyRequests(String detail, Duration retryAfter) {
        requireNonNull(retryAfter, "retryAfter is null");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter is negative: " + retryAfter);
        }
        return new Failure(Kind.TOO_MANY_REQUESTS, detail, retryAfter);
    }
}
