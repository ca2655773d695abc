package dev.storageledger.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The webhooks' meters, each registered at zero when the service starts: {@code ledger_webhook_events_total{type}}
 * (events recorded, counted once their transaction commits), {@code ledger_webhook_deliveries_total{outcome}} (attempts
 * by outcome: delivered, retrying, given_up) and {@code ledger_webhook_oldest_undelivered_seconds} (the age of the
 * oldest event still to be delivered to some webhook, as this instance's worker read it within the last 5 s; 0 when none is).
 */
@Component
class WebhookMetrics {

    enum Outcome {
        DELIVERED, RETRYING, GIVEN_UP;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final AtomicReference<Instant> oldestUndelivered = new AtomicReference<>();

    WebhookMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.registry = registry;
        for (EventType type : EventType.values()) {
            events(type);
        }
        for (Outcome outcome : Outcome.values()) {
            deliveries(outcome);
        }
        Gauge.builder("ledger.webhook.oldest.undelivered", oldestUndelivered, oldest -> {
                    Instant at = oldest.get();
                    return at == null ? 0 : Math.max(0, Duration.between(at, clock.instant()).toMillis() / 1000.0);
                })
                .description("Age of the oldest event still to be delivered to a webhook")
                .baseUnit("seconds")
                .register(registry);
    }

    void recorded(EventType type) {
        events(type).increment();
    }

    void attempted(Outcome outcome) {
        deliveries(outcome).increment();
    }

    void oldestUndelivered(Instant at) {
        oldestUndelivered.set(at);
    }

    private Counter events(EventType type) {
        return Counter.builder("ledger.webhook.events")
                .description("Webhook events recorded, by type")
                .tag("type", type.wire())
                .register(registry);
    }

    private Counter deliveries(Outcome outcome) {
        return Counter.builder("ledger.webhook.deliveries")
                .description("Webhook delivery attempts, by outcome")
                .tag("outcome", outcome.tag())
                .register(registry);
    }
}
