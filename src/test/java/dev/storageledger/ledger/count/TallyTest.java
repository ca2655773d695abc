package dev.storageledger.ledger.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TallyTest {

    private static final int CUSTOMER = 2;
    private static final AssetRef NEW = new AssetRef(5, "new");
    private static final AssetRef GROWN = new AssetRef(5, "grown");
    private static final AssetRef GONE = new AssetRef(6, "gone");
    private static final AssetRef SAME = new AssetRef(6, "same");
    private static final AssetRef ABSENT = new AssetRef(7, "absent");

    private static StoredAsset stored(AssetRef ref, long size, long thumbnails, String owner) {
        return new StoredAsset(ref, new AssetSize(size, thumbnails), owner, Instant.EPOCH);
    }

    private static StorageRecord record(AssetRef ref, long size, long thumbnails, String owner) {
        return StorageRecord.stored(ref, new AssetSize(size, thumbnails), owner);
    }

    private static Map.Entry<SpaceKey, UsageChange> space(int space, UsageChange change) {
        return Map.entry(new SpaceKey(CUSTOMER, space), change);
    }

    @Test
    void a_tally_adds_new_assets_and_the_difference_of_updated_ones_and_takes_away_deleted_ones() {
        Tally tally = new Tally();

        assertThat(tally.record(CUSTOMER, record(NEW, 100, 10, null), null)).isEqualTo(Tally.Effect.CREATED);
        assertThat(tally.record(CUSTOMER, record(GROWN, 300, 30, null), stored(GROWN, 200, 50, null))).isEqualTo(Tally.Effect.UPDATED);
        assertThat(tally.record(CUSTOMER, StorageRecord.deleted(GONE), stored(GONE, 70, 7, null))).isEqualTo(Tally.Effect.DELETED);

        assertThat(Tally.storedChanges(tally.spaces())).containsExactly(space(5, new UsageChange(1, 200, -10)),
                space(6, new UsageChange(-1, -70, -7)));
        assertThat(Tally.storedChanges(tally.customers())).containsExactly(Map.entry(CUSTOMER, new UsageChange(0, 130, -17)));
    }

    @Test
    void records_that_change_nothing_count_for_nothing_so_a_retry_changes_nothing() {
        Tally tally = new Tally();

        assertThat(tally.record(CUSTOMER, record(SAME, 9, 1, null), stored(SAME, 9, 1, null))).isEqualTo(Tally.Effect.UNCHANGED);
        assertThat(tally.record(CUSTOMER, StorageRecord.deleted(ABSENT), null)).isEqualTo(Tally.Effect.UNCHANGED);

        assertThat(tally.spaces()).isEmpty();
        assertThat(tally.customers()).isEmpty();
    }

    @Test
    void a_new_owner_alone_moves_the_asset_from_one_owner_to_the_other_and_no_other_total() {
        Tally tally = new Tally();

        assertThat(tally.record(CUSTOMER, record(SAME, 9, 1, "bob"), stored(SAME, 9, 1, "alice"))).isEqualTo(Tally.Effect.UPDATED);

        assertThat(Tally.storedChanges(tally.customers())).isEmpty();
        assertThat(Tally.storedChanges(tally.spaces())).isEmpty();
        assertThat(Tally.storedChanges(tally.owners())).containsExactly(
                Map.entry(new OwnerKey(CUSTOMER, "alice"), new UsageChange(-1, -9, -1)),
                Map.entry(new OwnerKey(CUSTOMER, "bob"), new UsageChange(1, 9, 1)));
    }

    @Test
    void owners_gain_what_they_add_and_lose_what_is_deleted_and_an_asset_without_owner_counts_for_no_one() {
        Tally tally = new Tally();
        tally.record(CUSTOMER, record(NEW, 100, 10, "alice"), null);
        tally.record(CUSTOMER, record(GROWN, 300, 30, "alice"), stored(GROWN, 200, 50, "alice"));
        tally.record(CUSTOMER, StorageRecord.deleted(GONE), stored(GONE, 70, 7, "bob"));
        tally.record(CUSTOMER, record(ABSENT, 5, 5, null), null);

        assertThat(Tally.storedChanges(tally.owners())).containsExactly(
                Map.entry(new OwnerKey(CUSTOMER, "alice"), new UsageChange(1, 200, -10)),
                Map.entry(new OwnerKey(CUSTOMER, "bob"), new UsageChange(-1, -70, -7)));
    }

    @Test
    void reserved_room_is_held_apart_from_what_is_stored_and_given_back_when_used() {
        Tally tally = new Tally();
        UsageChange room = new UsageChange(1, 800, 0);
        tally.hold(CUSTOMER, 5, "alice", room);
        tally.giveBack(CUSTOMER, 5, "alice", room);
        tally.hold(CUSTOMER, 5, null, room);

        assertThat(tally.spaces().get(new SpaceKey(CUSTOMER, 5))).isEqualTo(new Tally.ScopeChange(UsageChange.NONE, room));
        assertThat(tally.owners().get(new OwnerKey(CUSTOMER, "alice")).isNone()).isTrue();
        assertThat(Tally.storedChanges(tally.customers())).isEmpty();
    }

    @Test
    void a_repair_takes_a_drift_out_of_the_one_scope_that_drifted() {
        Tally tally = new Tally();
        tally.repair(new Scope.Space(CUSTOMER, 5), new UsageChange(2, 30, 1));
        tally.repair(new Scope.Owner(CUSTOMER, "alice"), new UsageChange(-1, -10, 0));

        assertThat(Tally.storedChanges(tally.spaces())).containsExactly(space(5, new UsageChange(-2, -30, -1)));
        assertThat(Tally.storedChanges(tally.owners())).containsExactly(Map.entry(new OwnerKey(CUSTOMER, "alice"), new UsageChange(1, 10, 0)));
        assertThat(tally.customers()).isEmpty();
    }

    @Test
    void records_whose_sum_passes_the_largest_total_are_refused() {
        Tally tally = new Tally();
        tally.record(CUSTOMER, record(NEW, Long.MAX_VALUE, 0, null), null);

        assertThatThrownBy(() -> tally.record(CUSTOMER, record(GROWN, Long.MAX_VALUE, 0, null), null))
                .isInstanceOf(TotalOverflowException.class);
    }
}
