package dev.storageledger.audit;

import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import dev.storageledger.ledger.writer.LedgerWriter;
import dev.storageledger.ledger.writer.Operation;
import java.util.List;

/** Records what the real storage was measured to hold, whatever the limits: the bytes are stored already. */
final class MeasuredWrites {

    private MeasuredWrites() {
    }

    /** Applies the records all together; a job whose records cannot be applied (its space was deleted meanwhile) fails. */
    static void apply(LedgerWriter writer, int customer, List<StorageRecord> records) {
        WriteOutcome outcome = writer.write(Operation.MEASURED, Write.measured(customer, records));
        if (!(outcome instanceof WriteOutcome.Applied)) {
            throw new IllegalStateException("The measured figures of customer " + customer + " were not recorded: " + outcome);
        }
    }
}
