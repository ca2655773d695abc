package dev.storageledger.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * What a reconciliation found: how many assets matched the real storage, the differences of each kind, and how
 * many corrections it applied (none in a dry run).
 *
 * @param mismatched assets whose measured size differs from the ledger
 * @param missing    assets in the ledger with nothing stored
 * @param orphans    stored objects the ledger does not know
 */
@JsonPropertyOrder({"mode", "matching", "mismatched", "missing", "orphans", "applied"})
public record ReconciliationResult(Mode mode, long matching, Differences mismatched, Differences missing, Differences orphans,
        long applied) implements JobResult {

    public ReconciliationResult {
        requireNonNull(mode, "mode is null");
        requireNonNull(mismatched, "mismatched is null");
        requireNonNull(missing, "missing is null");
        requireNonNull(orphans, "orphans is null");
    }

    /** Whether the reconciliation only reports, or also brings the ledger to what it measured. */
    public enum Mode {
        DRY_RUN, APPLY;

        public static Mode of(boolean apply) {
            return apply ? APPLY : DRY_RUN;
        }

        /** "dry-run" or "apply". */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One kind of difference: how many, their bytes (measured for orphans, recorded for the others), and the first
     * ones (at most {@link Reconciler#LISTED}).
     */
    @JsonPropertyOrder({"count", "size", "thumbnailSize", "items"})
    public record Differences(long count, long size, long thumbnailSize, List<Item> items) {

        public Differences {
            items = List.copyOf(items);
        }
    }

    /**
     * One asset that differs.
     *
     * @param size                  what the ledger records, or null for an orphan (the ledger records nothing)
     * @param thumbnailSize         likewise
     * @param measuredSize          what the real storage holds, or null for a missing asset (it holds nothing)
     * @param measuredThumbnailSize likewise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"space", "asset", "size", "thumbnailSize", "measuredSize", "measuredThumbnailSize"})
    public record Item(int space, String asset, Long size, Long thumbnailSize, Long measuredSize, Long measuredThumbnailSize) {

        public Item {
            requireNonNull(asset, "asset is null");
        }
    }
}
