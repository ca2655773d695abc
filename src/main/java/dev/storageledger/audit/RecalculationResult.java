package dev.storageledger.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What a recalculation found: how many scopes it compared with their records, and every one whose totals had
 * drifted (and which it repaired).
 */
@JsonPropertyOrder({"scopesChecked", "drift"})
public record RecalculationResult(long scopesChecked, List<Drift> drift) implements JobResult {

    public RecalculationResult {
        drift = List.copyOf(drift);
    }

    /** One scope whose totals differed from its records: how much more the totals said (negative: less). */
    @JsonPropertyOrder({"scope", "numberOfStoredImages", "totalSizeOfStoredImages", "totalSizeOfThumbnails"})
    public record Drift(String scope, long numberOfStoredImages, long totalSizeOfStoredImages, long totalSizeOfThumbnails) {

        public Drift {
            requireNonNull(scope, "scope is null");
        }
    }
}
