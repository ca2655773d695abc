package dev.storageledger.webhook;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.DatabaseReady;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    private final WebhookRepository repository;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final LedgerProperties.Webhooks settings;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon(true).name("ledger-pack-expiry").factory());
    private boolean started;

    PackExpiry(WebhookRepository repository, Outbox outbox, PlatformTransactionManager transactionManager, LedgerProperties properties) {
        this.repository = repository;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.settings = properties.webhooks();
    }

    @EventListener(DatabaseReady.class)
    synchronized void start() {
        if (!started) {
            started = true;
            long interval = settings.packScanInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::scanQuietly, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (DataAccessException e) {
            log.debug("The scan of packs' expiry could not reach the database: {}", e.toString());
        } catch (RuntimeException e) {
            log.warn("The scan of packs' expiry failed", e);
        }
    }

    /** One scan: the packs newly expiring and newly expired, marked and announced in one transaction each. */
    void scan() {
        announce(false, EventType.PACK_EXPIRING);
        announce(true, EventType.PACK_EXPIRED);
    }

    private void announce(boolean expired, EventType type) {
        transactions.executeWithoutResult(status -> {
            List<Event> events = new ArrayList<>();
            for (WebhookRepository.Pack pack : repository.markPacks(expired, settings.packExpiryNotice())) {
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
        scheduler.shutdownNow();
    }
}
