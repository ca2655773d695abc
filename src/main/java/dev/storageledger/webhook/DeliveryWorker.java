package dev.storageledger.webhook;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.DatabaseReady;
import dev.storageledger.database.LongStatements;
import dev.storageledger.security.SealedSecrets;
import dev.storageledger.worker.Worker;
import dev.storageledger.worker.Workers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox's deliveries, in every instance: a thread of its own claims the deliveries due (a short statement
 * that moves their next attempt ahead as a lease, skipping those another instance holds), sends them outside any
 * transaction (one webhook's in the order of their events, different webhooks' side by side), and records each
 * outcome. A 2xx delivers; anything else (another status, a timeout, a refused address) is retried after
 * LEDGER_WEBHOOK_FIRST_RETRY, then 6, 24, 120, 360 and 720 times it (5 s, 30 s, 2 min, 10 min, 30 min, 1 h by default),
 * then every 2880 times it (4 h), until LEDGER_WEBHOOK_RETRY_FOR after the event. Writers never wait for it: it takes
 * no lock that a write takes.
 */
@Component
class DeliveryWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Deliveries claimed at once; their lease covers sending all of them one after another. */
    static final int BATCH = 20;
    private static final long[] BACKOFF = {1, 6, 24, 120, 360, 720};
    private static final long LATER_BACKOFF = 2880;
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    /** How often the age of the oldest undelivered event is read again. */
    private static final Duration GAUGE_INTERVAL = Duration.ofSeconds(5);

    private final WebhookRepository repository;
    private final SealedSecrets secrets;
    private final WebhookMetrics metrics;
    private final AddressGuard guard;
    private final LedgerProperties.Webhooks settings;
    private final HttpClient http;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Worker worker;
    private final Clock clock;
    private Instant lastPurge = Instant.EPOCH;
    private Instant lastGauge = Instant.EPOCH;

    DeliveryWorker(WebhookRepository repository, SealedSecrets secrets, WebhookMetrics metrics, LedgerProperties.Webhooks settings,
            Workers workers, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.secrets = secrets;
        this.metrics = metrics;
        this.settings = settings;
        this.guard = new AddressGuard(settings.allowPrivate());
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER)
                .executor(senders).build();
        // Polling, not waiting for a signal: events are inserted by the transactions of every instance (and survive
        // any of them), so no in-process signal can announce them all. A fixed interval bounds both the delay of a
        // new event and the cost of an idle worker (one indexed query per interval per instance); while a full batch
        // was claimed there is a backlog, and the next round starts at once.
        this.worker = workers.worker("ledger-webhooks", settings.pollInterval(), this::work);
    }

    /** The delay before the attempt after attempt {@code attempt} (from 1). */
    static Duration retryIn(Duration first, int attempt) {
        long times = attempt <= BACKOFF.length ? BACKOFF[Math.max(0, attempt - 1)] : LATER_BACKOFF;
        return first.multipliedBy(times);
    }

    @EventListener(DatabaseReady.class)
    void start() {
        worker.start();
    }

    /** One round of the worker: the deliveries due, and now and then the gauge and the purge. Answers whether more are due. */
    private boolean work() {
        int claimed = 0;
        try {
            claimed = round();
            if (clock.instant().isAfter(lastGauge.plus(GAUGE_INTERVAL))) {
                lastGauge = clock.instant();
                metrics.oldestUndelivered(repository.oldestUndelivered().orElse(null));
            }
            if (clock.instant().isAfter(lastPurge.plus(PURGE_INTERVAL))) {
                lastPurge = clock.instant();
                int purged = LongStatements.call(() -> repository.purge(settings.retention())); // a month of rows at most
                if (purged > 0) {
                    log.info("Removed {} webhook events older than {}", purged, settings.retention());
                }
            }
        } catch (DataAccessException e) {
            log.debug("The webhook worker could not reach the database: {}", e.toString());
        }
        return claimed >= BATCH;
    }

    /** Claims the deliveries due and sends them: each webhook's in order, the webhooks' side by side. Answers how many. */
    int round() {
        Duration lease = settings.timeout().multipliedBy(BATCH).plusSeconds(30);
        List<WebhookRepository.Claimed> claimed = repository.claim(BATCH, lease);
        Map<String, List<WebhookRepository.Claimed>> bySubscription = new LinkedHashMap<>();
        for (WebhookRepository.Claimed delivery : claimed) {
            bySubscription.computeIfAbsent(delivery.subscription(), id -> new ArrayList<>()).add(delivery);
        }
        List<Future<?>> sending = new ArrayList<>();
        for (List<WebhookRepository.Claimed> deliveries : bySubscription.values()) {
            sending.add(senders.submit(() -> deliveries.forEach(this::attempt)));
        }
        for (Future<?> future : sending) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("A webhook delivery failed unexpectedly", e.getCause());
            }
        }
        return claimed.size();
    }

    private void attempt(WebhookRepository.Claimed delivery) {
        if (delivery.url() == null) {
            repository.deleteDelivery(delivery.id()); // its webhook was deleted
            return;
        }
        Instant at = clock.instant();
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        try {
            URI url = URI.create(delivery.url());
            error = guard.refusal(url).map(reason -> "not sent: " + reason).orElse(null);
            if (error == null) {
                byte[] secret = secrets.open(Webhooks.sealedFor(delivery.subscription()), delivery.sealedSecret());
                long timestamp = at.getEpochSecond();
                HttpRequest request = HttpRequest.newBuilder(url)
                        .timeout(settings.timeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "storage-ledger-webhooks")
                        .header("webhook-id", delivery.event())
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", Signature.sign(secret, delivery.event(), timestamp, delivery.body()))
                        .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
                        .build();
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted: the instance is stopping";
        } catch (java.net.http.HttpTimeoutException e) {
            error = "no answer within " + settings.timeout();
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        boolean delivered = status != null && status >= 200 && status < 300;
        if (!delivered && error == null) {
            error = "answered " + status;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        WebhookRepository.Outcome outcome = repository.record(delivery.id(), delivery.attempt(), at, status,
                error == null ? null : truncate(error), millis, delivered, retryIn(settings.firstRetry(), delivery.attempt()),
                settings.retryFor());
        switch (outcome) {
            case DELIVERED -> metrics.attempted(WebhookMetrics.Outcome.DELIVERED);
            case RETRYING -> metrics.attempted(WebhookMetrics.Outcome.RETRYING);
            case GIVEN_UP -> {
                metrics.attempted(WebhookMetrics.Outcome.GIVEN_UP);
                log.warn("Webhook event {} ({}) was given up for webhook {} after {} attempts: {}", delivery.event(), delivery.type(),
                        delivery.subscription(), delivery.attempt(), error);
            }
            case SUPERSEDED -> log.debug("Delivery {} was claimed again while its attempt ran", delivery.id());
        }
    }

    private static String truncate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }

    @Override
    public void destroy() {
        worker.stop();
        senders.shutdownNow();
    }
}
