package dev.storageledger.ledger.history;

import dev.storageledger.ledger.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored history of the totals: what {@link UsageHistory} answers from. */
public interface HistoryReads {

    /** When the scope's history began and the database's clock now; empty when the ledger has no such scope. */
    Optional<Span> span(Scope scope);

    /**
     * The scope's totals and integrals at each of {@code instants} (step boundaries within its span, in order), and
     * then, when {@code andNow}, at the database's clock as the statement reads (a last point).
     */
    List<HistoryPoint> at(Scope scope, List<Instant> instants, boolean andNow);

    record Span(Instant since, Instant now) {
    }
}
