package dev.storageledger.ingest;

import dev.storageledger.ledger.write.WriteOutcome;

/** Why the writer did not apply an event's write: the reason its dead letter carries. */
final class Refusals {

    private Refusals() {
    }

    static String reason(WriteOutcome outcome) {
        return switch (outcome) {
            case WriteOutcome.UnknownCustomer unknown -> "unknown customer " + unknown.customer();
            case WriteOutcome.UnknownSpace unknown -> "unknown space " + unknown.space() + " of customer " + unknown.customer();
            case WriteOutcome.UnknownOwner unknown -> "owner: unknown user '" + unknown.user() + "' of customer " + unknown.customer();
            case WriteOutcome.Overflowed overflowed -> "a total would pass 9223372036854775807";
            case WriteOutcome.Refused refused -> "refused: " + refused.refusal();
            case WriteOutcome.Unavailable unavailable -> "not applied: " + unavailable.reason();
            case WriteOutcome.Uncertain uncertain -> "not known to be applied: " + uncertain.reason();
            case WriteOutcome.Applied applied -> "applied";
            case WriteOutcome.Reserved reserved -> "reserved";
        };
    }
}
