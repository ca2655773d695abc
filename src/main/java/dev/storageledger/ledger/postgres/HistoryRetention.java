package dev.storageledger.ledger.postgres;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.LongStatements;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Keeps the history within its retention: points older than LEDGER_HISTORY_RETENTION are removed but for those at
 * midnight UTC, and those older than LEDGER_HISTORY_DAILY_RETENTION too (see {@link HistoryRepository#prune}). When it
 * runs is the job's to say ({@code ledger.housekeeping.HistoryRetentionJob}).
 */
@Component
public class HistoryRetention {

    private final HistoryRepository history;
    private final Duration retention;
    private final Duration dailyRetention;

    HistoryRetention(HistoryRepository history, LedgerProperties.History settings) {
        this.history = history;
        this.retention = settings.retention();
        this.dailyRetention = settings.dailyRetention();
    }

    /** Removes the points past their retention; answers how many (none when another instance is at it). */
    public int prune() {
        // A purge, not a request: a month of points may take longer than a request's statement timeout.
        return LongStatements.call(() -> history.prune(retention, dailyRetention));
    }
}
