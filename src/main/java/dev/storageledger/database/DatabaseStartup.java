package dev.storageledger.database;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The start-up work that needs the database: migrate the schema (Flyway, configured by spring.flyway.*), open the
 * pool's gate, and publish {@link DatabaseReady} to the work that writes what the service keeps there. It is done
 * once at start, before the web server listens, when the database answers; otherwise the service starts without it
 * (live, not ready: the health group readiness is DOWN, and every request that needs the database is answered 503
 * at once) and the work is tried again every second, in the background, until the database answers.
 *
 * A failure that is not the database's (a migration that does not apply) stops the start, as it always did, when the
 * database answered at start; found later, it is logged and tried again.
 */
final class DatabaseStartup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseStartup.class);
    private static final long RETRY_MILLISECONDS = 1_000;

    private final Flyway flyway;
    private final LedgerDataSource dataSource;
    private final DatabaseStatus status;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon(true).name("ledger-database-startup").factory());
    private volatile boolean running;
    private volatile String lastFailure = "";

    DatabaseStartup(Flyway flyway, LedgerDataSource dataSource, DatabaseStatus status, ApplicationEventPublisher events) {
        this.flyway = flyway;
        this.dataSource = dataSource;
        this.status = status;
        this.events = events;
    }

    @Override
    public void start() {
        running = true;
        try {
            startUp();
        } catch (RuntimeException e) {
            DatabaseFailure failure = DatabaseFailure.of(e).orElseThrow(() -> e);
            log.warn("{} ({}): the service starts without it, not ready, and migrates its schema as soon as it answers",
                    failure.description(), failure.cause());
            retries.schedule(this::retry, RETRY_MILLISECONDS, TimeUnit.MILLISECONDS);
        }
    }

    private void retry() {
        if (!running) {
            return;
        }
        try {
            startUp();
            log.info("The ledger's database answers: its schema is migrated and the service is ready");
        } catch (RuntimeException e) {
            String failure = DatabaseFailure.of(e).map(DatabaseFailure::description).orElse(String.valueOf(e.getMessage()));
            if (!failure.equals(lastFailure)) {
                lastFailure = failure;
                if (DatabaseFailure.of(e).isPresent()) {
                    log.info("The start-up work waits for the ledger's database: {}", failure);
                } else {
                    log.error("The start-up work failed; it is tried again every second", e);
                }
            }
            retries.schedule(this::retry, RETRY_MILLISECONDS, TimeUnit.MILLISECONDS);
        }
    }

    private void startUp() {
        Flyway.configure(flyway.getConfiguration().getClassLoader()).configuration(flyway.getConfiguration())
                .dataSource(dataSource.ungated()).load().migrate();
        status.migrated();
        events.publishEvent(new DatabaseReady());
        status.startedUp();
    }

    @Override
    public void stop() {
        running = false;
        retries.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts (SmartLifecycle.DEFAULT_PHASE - 1024), so that a database that answers is migrated first. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
