package dev.storageledger.webhook;

import java.time.Instant;
import java.util.List;

/** A webhook: where events of a customer (of every customer, when {@code customer} is null) are sent. */
public record Subscription(String id, Integer customer, String url, List<String> events, String description, Instant created) {

    public Subscription {
        events = List.copyOf(events);
    }
}
