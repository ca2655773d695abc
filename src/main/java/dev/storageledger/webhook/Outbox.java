package dev.storageledger.webhook;

import dev.storageledger.database.TransactionTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where events are recorded: in the transaction of what causes them (so that what is rolled back announces nothing,
 * and what commits is announced even if the instance dies right after), with a delivery to each subscription that
 * matches, in one statement. Sending is the {@link DeliveryWorker}'s, on threads of its own.
 */
@Component
public class Outbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookRepository repository;
    private final WebhookMetrics metrics;
    private final TransactionTime time;

    Outbox(WebhookRepository repository, WebhookMetrics metrics, TransactionTime time) {
        this.time = time;
        this.repository = repository;
        this.metrics = metrics;
    }

    /** Records the events in the caller's transaction (or on their own, outside one); nothing when there are none. */
    public void record(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        String timestamp = time.parameter();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Event event : events) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", event.type().wire());
            body.put("timestamp", timestamp);
            body.put("data", event.data());
            rows.add(Map.of("type", event.type().wire(), "customer", event.customer(), "body", JSON.writeValueAsString(body)));
        }
        repository.insertEvents(JSON.writeValueAsString(rows));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.forEach(event -> metrics.recorded(event.type()));
                }
            });
        } else {
            events.forEach(event -> metrics.recorded(event.type()));
        }
    }
}
