package dev.storageledger.quota;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How near a limit a scope is, as Microsoft Graph's quota states: worst last. */
public enum QuotaState {
    NORMAL, NEARING, CRITICAL, EXCEEDED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    QuotaState worst(QuotaState other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
