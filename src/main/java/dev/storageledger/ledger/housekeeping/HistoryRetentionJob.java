package dev.storageledger.ledger.housekeeping;

import dev.storageledger.ledger.postgres.HistoryRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps the history within its retention, every hour (see {@link HistoryRetention}). */
@Component
class HistoryRetentionJob {

    private static final Logger log = LoggerFactory.getLogger(HistoryRetentionJob.class);

    private final HistoryRetention retention;

    HistoryRetentionJob(HistoryRetention retention) {
        this.retention = retention;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void removeOldPoints() {
        int removed = retention.prune();
        if (removed > 0) {
            log.info("Removed {} history points past their retention", removed);
        }
    }
}
