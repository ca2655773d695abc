package dev.storageledger.web.error;

import dev.storageledger.failure.Failure;
import dev.storageledger.failure.Missing;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;

/**
 * How the web answers the outcome of a write: the one place where outcomes become answers. An accepted write is
 * handed back to its controller; any other outcome becomes the {@link Failure} whose kind {@link ApiExceptionHandler}
 * answers (404 naming what is missing, with the record's path in a batch; 507 naming the limit; 503 saying whether
 * the write is known not to have been applied or may have been).
 */
public final class WriteOutcomes {

    private WriteOutcomes() {
    }

    /** The outcome of a write of records when it was applied; otherwise throws the failure that answers it. */
    public static WriteOutcome.Applied applied(Write write, WriteOutcome outcome) {
        if (outcome instanceof WriteOutcome.Applied applied) {
            return applied;
        }
        throw failure(write, outcome);
    }

    /** The outcome of a reservation when it was made; otherwise throws the failure that answers it. */
    public static WriteOutcome.Reserved reserved(Write write, WriteOutcome outcome) {
        if (outcome instanceof WriteOutcome.Reserved reserved) {
            return reserved;
        }
        throw failure(write, outcome);
    }

    private static RuntimeException failure(Write write, WriteOutcome outcome) {
        return switch (outcome) {
            case WriteOutcome.Applied applied -> new IllegalStateException("a write of records was answered as a reservation");
            case WriteOutcome.Reserved reserved -> new IllegalStateException("a reservation was answered as a write of records");
            case WriteOutcome.Refused refused -> Failure.insufficientStorage(refused.refusal().detail());
            case WriteOutcome.Overflowed overflowed -> Failure.insufficientStorage(
                    "the write would take a total past " + Long.MAX_VALUE + ", the largest the ledger holds");
            case WriteOutcome.UnknownCustomer unknown -> Missing.customer(unknown.customer());
            case WriteOutcome.UnknownSpace unknown -> inBatch(write)
                    ? Failure.notFound(path(unknown.index(), "space") + "there is no space " + unknown.space() + " of customer " + unknown.customer())
                    : Missing.space(unknown.customer(), unknown.space());
            case WriteOutcome.UnknownOwner unknown -> Failure.notFound((inBatch(write) && unknown.index() >= 0 ? path(unknown.index(), "owner")
                    : "owner: ") + "there is no user '" + unknown.user() + "' of customer " + unknown.customer());
            case WriteOutcome.Unavailable unavailable -> Failure.unavailable(unavailable.reason());
            case WriteOutcome.Uncertain uncertain -> Failure.unavailable(uncertain.reason() + ": " + switch (write) {
                case Write.Records records -> "it may have been applied. Retrying it is safe: a record carries absolute figures "
                        + "(or is a deletion), so applying it again changes nothing";
                case Write.Reserve reserve -> "the reservation may have been made, and then holds its room until it expires; "
                        + "a retry makes another";
            });
        };
    }

    /** Whether the write is a batch of several records, whose failures name the record by its path. */
    private static boolean inBatch(Write write) {
        return write instanceof Write.Records records && records.records().size() > 1;
    }

    private static String path(int index, String field) {
        return "records[" + index + "]." + field + ": ";
    }
}
