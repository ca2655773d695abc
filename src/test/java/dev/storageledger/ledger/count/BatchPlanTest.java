package dev.storageledger.ledger.count;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

    private static final AssetRef NEW = new AssetRef(5, "new");
    private static final AssetRef GROWN = new AssetRef(5, "grown");
    private static final AssetRef GONE = new AssetRef(6, "gone");
    private static final AssetRef SAME = new AssetRef(6, "same");
    private static final AssetRef ABSENT = new AssetRef(7, "absent");

    private static StoredAsset stored(AssetRef ref, long size, long thumbnails) {
        return new StoredAsset(ref, new AssetSize(size, thumbnails), null, Instant.EPOCH);
    }

    @Test
    void a_plan_adds_new_assets_and_the_difference_of_updated_ones_and_takes_away_deleted_ones() {
        BatchPlan plan = BatchPlan.of(
                List.of(StorageRecord.stored(NEW, new AssetSize(100, 10), null),
                        StorageRecord.stored(GROWN, new AssetSize(300, 30), null),
                        StorageRecord.deleted(GONE)),
                Map.of(GROWN, stored(GROWN, 200, 50), GONE, stored(GONE, 70, 7)));

        assertThat(plan.spaceChanges()).containsExactly(
                Map.entry(5, new UsageChange(1, 200, -10)),
                Map.entry(6, new UsageChange(-1, -70, -7)));
        assertThat(plan.customerChange()).isEqualTo(new UsageChange(0, 130, -17));
        assertThat(plan.summary()).isEqualTo(new BatchSummary(1, 1, 1));
    }

    @Test
    void records_that_change_nothing_are_left_out_so_a_retry_changes_nothing() {
        BatchPlan plan = BatchPlan.of(
                List.of(StorageRecord.stored(SAME, new AssetSize(9, 1), null), StorageRecord.deleted(ABSENT)),
                Map.of(SAME, stored(SAME, 9, 1)));

        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.updates()).isEmpty();
        assertThat(plan.deletes()).isEmpty();
        assertThat(plan.customerChange().isNone()).isTrue();
        assertThat(plan.summary()).isEqualTo(new BatchSummary(0, 0, 0));
    }

    @Test
    void a_new_owner_alone_is_an_update_that_moves_the_asset_from_one_owner_to_the_other_and_no_other_total() {
        BatchPlan plan = BatchPlan.of(List.of(StorageRecord.stored(SAME, new AssetSize(9, 1), "bob")),
                Map.of(SAME, new StoredAsset(SAME, new AssetSize(9, 1), "alice", Instant.EPOCH)));

        assertThat(plan.updates()).hasSize(1);
        assertThat(plan.customerChange().isNone()).isTrue();
        assertThat(plan.spaceChanges().get(6).isNone()).isTrue();
        assertThat(plan.ownerChanges()).containsExactly(
                Map.entry("alice", new UsageChange(-1, -9, -1)),
                Map.entry("bob", new UsageChange(1, 9, 1)));
    }

    @Test
    void owners_gain_what_they_add_and_lose_what_is_deleted_and_an_asset_without_owner_counts_for_no_one() {
        BatchPlan plan = BatchPlan.of(
                List.of(StorageRecord.stored(NEW, new AssetSize(100, 10), "alice"),
                        StorageRecord.stored(GROWN, new AssetSize(300, 30), "alice"),
                        StorageRecord.deleted(GONE),
                        StorageRecord.stored(ABSENT, new AssetSize(5, 5), null)),
                Map.of(GROWN, new StoredAsset(GROWN, new AssetSize(200, 50), "alice", Instant.EPOCH),
                        GONE, new StoredAsset(GONE, new AssetSize(70, 7), "bob", Instant.EPOCH)));

        assertThat(plan.ownerChanges()).containsExactly(
                Map.entry("alice", new UsageChange(1, 200, -10)),
                Map.entry("bob", new UsageChange(-1, -70, -7)));
    }

    @Test
    void records_whose_sum_passes_the_largest_total_are_refused() {
        List<StorageRecord> records = List.of(StorageRecord.stored(NEW, new AssetSize(Long.MAX_VALUE, 0), null),
                StorageRecord.stored(GROWN, new AssetSize(Long.MAX_VALUE, 0), null));

        assertThatThrownBy(() -> BatchPlan.of(records, Map.of())).isInstanceOf(TotalOverflowException.class);
    }
}
