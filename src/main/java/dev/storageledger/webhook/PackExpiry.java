package dev.storageledger.webhook;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.DatabaseReady;
import dev.storageledger.worker.Worker;
import dev.storageledger.worker.Workers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces storage packs' expiry: pack.expiring once a pack expires within LEDGER_PACK_EXPIRY_NOTICE, and pack.expired
 * once it has expired, each once per pack. Every LEDGER_PACK_SCAN_INTERVAL, every instance marks the packs due as
 * announced and records their events in one transaction (rows another instance is marking are skipped), so a pack is
 * announced once whatever the number of instances. A pack's capacity ends at its expiry instant in every write whether
 * or not this has run; these are only the notices.
 */
@Component
class PackExpiry implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PackExpiry.class);

    private final PackScanRepository packs;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final LedgerProperties.Webhooks settings;
    private final Worker worker;

    PackExpiry(PackScanRepository packs, Outbox outbox, PlatformTransactionManager transactionManager, LedgerProperties.Webhooks settings,
            Workers workers) {
        this.packs = packs;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.settings = settings;
        this.worker = workers.worker("ledger-pack-expiry", settings.packScanInterval(), this::scanQuietly);
    }

    @EventListener(DatabaseReady.class)
    void start() {
        worker.start();
    }

    /** A round of the worker: a scan, unless the database cannot be reached (any other failure is the worker's to log). */
    private boolean scanQuietly() {
        try {
            scan();
        } catch (DataAccessException e) {
            log.debug("The scan of packs' expiry could not reach the database: {}", e.toString());
        }
        return false;
    }

    /** One scan: the packs newly expiring and newly expired, marked and announced in one transaction each. */
    void scan() {
        announce(false, EventType.PACK_EXPIRING);
        announce(true, EventType.PACK_EXPIRED);
    }

    private void announce(boolean expired, EventType type) {
        transactions.executeWithoutResult(status -> {
            List<Event> events = new ArrayList<>();
            for (PackScanRepository.Pack pack : packs.markPacks(expired, settings.packExpiryNotice())) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("user", pack.user());
                data.put("pack", pack.id());
                data.put("name", pack.name());
                data.put("size", pack.size());
                data.put("expiresAt", pack.expiresAt().toString());
                events.add(new Event(type, pack.customer(), data));
            }
            outbox.record(events);
        });
    }

    @Override
    public void destroy() {
        worker.stop();
    }
}
