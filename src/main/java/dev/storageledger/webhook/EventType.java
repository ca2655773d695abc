package dev.storageledger.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events a webhook may subscribe to, by their names on the wire. */
public enum EventType {
    QUOTA_NEARING("quota.nearing"),
    QUOTA_CRITICAL("quota.critical"),
    QUOTA_EXCEEDED("quota.exceeded"),
    QUOTA_NORMAL("quota.normal"),
    PACK_EXPIRING("pack.expiring"),
    PACK_EXPIRED("pack.expired"),
    DRIFT_FOUND("drift.found"),
    RECONCILIATION_FINISHED("reconciliation.finished");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<EventType> of(String wire) {
        return Arrays.stream(values()).filter(type -> type.wire.equals(wire)).findFirst();
    }

    /** Every name, in the order above. */
    public static List<String> names() {
        return Arrays.stream(values()).map(EventType::wire).toList();
    }
}
