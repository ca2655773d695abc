package dev.storageledger.webhook;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event to announce: its type, the customer it is about (subscriptions of that customer and those of every
 * customer receive it), and its data, whose "customer" is set from {@code customer}. Null values are left out.
 */
public record Event(EventType type, int customer, Map<String, Object> data) {

    public Event {
        requireNonNull(type, "type is null");
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("customer", customer);
        data.forEach((name, value) -> {
            if (value != null && !name.equals("customer")) {
                ordered.put(name, value);
            }
        });
        data = java.util.Collections.unmodifiableMap(ordered);
    }
}
