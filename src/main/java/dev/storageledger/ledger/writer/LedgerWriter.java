package dev.storageledger.ledger.writer;

import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;

/** Where every write of the ledger goes: {@link GroupingWriter} in the service, a hand-written fake in web tests. */
public interface LedgerWriter {

    /**
     * Decides a write and, when it is accepted, commits it; answers its outcome, a failure of the database included
     * (not applied, or uncertain when the commit itself failed). Only an unexpected failure is thrown.
     */
    WriteOutcome write(Operation operation, Write write);
}
