package dev.storageledger.ledger.write;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.BatchSummary;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteGroupTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final SpaceKey SPACE = new SpaceKey(2, 5);
    private static final Limit CUSTOMER_LIMIT = new Limit.Policy("small", 3, 1000);

    private static Write put(String asset, long size) {
        return new Write(2, List.of(StorageRecord.stored(new AssetRef(5, asset), new AssetSize(size, 1), null)));
    }

    private static WriteGroup decide(Map<CustomerAsset, StoredAsset> stored, Write... writes) {
        return WriteGroup.decide(List.of(writes), new WriteGroup.Locks(Map.of(2, new ScopeState(new Usage(1, 100, 1), CUSTOMER_LIMIT)),
                Map.of(SPACE, new ScopeState(new Usage(1, 100, 1), null)), Map.of()), stored, NOW);
    }

    @Test
    void each_write_sees_the_writes_accepted_before_it_and_one_past_the_limit_is_refused_alone() {
        WriteGroup group = decide(Map.of(), put("a", 300), put("b", 700), put("c", 10));

        assertThat(group.outcomes().get(0)).isInstanceOf(WriteOutcome.Applied.class);
        assertThat(group.outcomes().get(1)).isInstanceOfSatisfying(WriteOutcome.Refused.class,
                refused -> assertThat(refused.refusal().wouldReach()).isEqualTo(1100));
        assertThat(group.outcomes().get(2)).isInstanceOf(WriteOutcome.Applied.class);
        assertThat(group.customerTotals()).containsExactly(Map.entry(2, new Usage(3, 410, 3)));
        assertThat(group.spaceTotals()).containsExactly(Map.entry(SPACE, new Usage(3, 410, 3)));
        assertThat(group.inserts()).extracting(row -> row.asset().ref().asset()).containsExactly("a", "c");
    }

    @Test
    void two_writes_of_one_asset_in_a_group_leave_the_net_change_only() {
        CustomerAsset stored = new CustomerAsset(2, new AssetRef(5, "kept"));
        StoredAsset before = new StoredAsset(stored.ref(), new AssetSize(100, 1), null, Instant.EPOCH);

        WriteGroup group = decide(Map.of(stored, before), put("kept", 150), put("kept", 120),
                put("new", 5), new Write(2, List.of(StorageRecord.deleted(new AssetRef(5, "new")))));

        assertThat(group.outcomes()).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(WriteOutcome.Applied.class));
        assertThat(group.inserts()).isEmpty();
        assertThat(group.deletes()).isEmpty();
        assertThat(group.updates()).singleElement().satisfies(row -> {
            assertThat(row.asset().size().size()).isEqualTo(120);
            assertThat(row.asset().lastChecked()).isEqualTo(NOW);
        });
        assertThat(group.customerTotals()).containsExactly(Map.entry(2, new Usage(1, 120, 1)));
    }

    @Test
    void a_write_that_changes_nothing_keeps_the_stored_asset_and_no_total_moves() {
        CustomerAsset stored = new CustomerAsset(2, new AssetRef(5, "same"));
        StoredAsset before = new StoredAsset(stored.ref(), new AssetSize(100, 1), null, Instant.EPOCH);

        WriteGroup group = decide(Map.of(stored, before), put("same", 100));

        assertThat(group.outcomes().getFirst()).isEqualTo(new WriteOutcome.Applied(new BatchSummary(0, 0, 0), List.of(before)));
        assertThat(group.updates()).isEmpty();
        assertThat(group.customerTotals()).isEmpty();
        assertThat(group.spaceTotals()).isEmpty();
    }

    @Test
    void unknown_customers_and_spaces_are_refused_with_the_record_that_names_them() {
        WriteGroup group = WriteGroup.decide(List.of(new Write(9, List.of(StorageRecord.stored(new AssetRef(0, "x"), new AssetSize(1, 0), null))),
                        new Write(2, List.of(StorageRecord.stored(new AssetRef(5, "ok"), new AssetSize(1, 0), null),
                                StorageRecord.stored(new AssetRef(6, "nowhere"), new AssetSize(1, 0), null)))),
                new WriteGroup.Locks(Map.of(2, new ScopeState(Usage.NONE, CUSTOMER_LIMIT)), Map.of(SPACE, new ScopeState(Usage.NONE, null)),
                        Map.of()), Map.of(), NOW);

        assertThat(group.outcomes()).containsExactly(new WriteOutcome.UnknownCustomer(9), new WriteOutcome.UnknownSpace(2, 6, 1));
        assertThat(group.inserts()).isEmpty();
        assertThat(group.customerTotals()).isEmpty();
    }

    @Test
    void a_write_that_would_overflow_a_total_is_refused_alone() {
        WriteGroup group = WriteGroup.decide(List.of(put("huge", Long.MAX_VALUE), put("small", 1)),
                new WriteGroup.Locks(Map.of(2, new ScopeState(new Usage(1, 100, 1), new Limit.Policy("unlimited", Long.MAX_VALUE, Long.MAX_VALUE))),
                        Map.of(SPACE, new ScopeState(new Usage(1, 100, 1), null)), Map.of()), Map.of(), NOW);

        assertThat(group.outcomes().get(0)).isInstanceOf(WriteOutcome.Overflowed.class);
        assertThat(group.outcomes().get(1)).isInstanceOf(WriteOutcome.Applied.class);
    }

    @Test
    void an_owners_capacity_refuses_the_write_that_would_pass_it_and_unknown_owners_are_named() {
        OwnerKey alice = new OwnerKey(2, "alice");
        Write first = new Write(2, List.of(StorageRecord.stored(new AssetRef(5, "a"), new AssetSize(60, 10), "alice")));
        Write second = new Write(2, List.of(StorageRecord.stored(new AssetRef(5, "b"), new AssetSize(20, 11), "alice")));
        Write third = new Write(2, List.of(StorageRecord.stored(new AssetRef(5, "c"), new AssetSize(20, 10), "alice")));
        Write stranger = new Write(2, List.of(StorageRecord.stored(new AssetRef(5, "d"), new AssetSize(1, 0), null),
                StorageRecord.stored(new AssetRef(5, "e"), new AssetSize(1, 0), "nobody")));

        WriteGroup group = WriteGroup.decide(List.of(first, second, third, stranger),
                new WriteGroup.Locks(Map.of(2, new ScopeState(Usage.NONE, new Limit.Policy("big", 100, 10_000))),
                        Map.of(SPACE, new ScopeState(Usage.NONE, null)),
                        Map.of(alice, new ScopeState(Usage.NONE, new Limit.Capacity(70, 30)))),
                Map.of(), NOW);

        assertThat(group.outcomes().get(0)).isInstanceOf(WriteOutcome.Applied.class);
        assertThat(group.outcomes().get(1)).isInstanceOfSatisfying(WriteOutcome.Refused.class, refused -> {
            assertThat(refused.refusal().scope()).isEqualTo(new Scope.Owner(2, "alice"));
            assertThat(refused.refusal().wouldReach()).isEqualTo(101);
        });
        assertThat(group.outcomes().get(2)).isInstanceOf(WriteOutcome.Applied.class);
        assertThat(group.outcomes().get(3)).isEqualTo(new WriteOutcome.UnknownOwner(2, "nobody", 1));
        assertThat(group.ownerTotals()).containsExactly(Map.entry(alice, new Usage(2, 80, 20)));
        assertThat(group.customerTotals()).containsExactly(Map.entry(2, new Usage(2, 80, 20)));
    }

    @Test
    void a_reservation_holds_room_that_only_the_record_that_uses_it_may_take() {
        Reservation.Request request = new Reservation.Request("r1", 5, null, 1, new AssetSize(800, 0), java.time.Duration.ofMinutes(5));
        Write reserve = Write.reserve(2, request);
        Write other = put("other", 150);
        Write using = new Write(2, List.of(StorageRecord.stored(new AssetRef(5, "upload"), new AssetSize(850, 1), null, "r1")));
        Write usingAgain = new Write(2, List.of(StorageRecord.stored(new AssetRef(5, "again"), new AssetSize(800, 1), null, "r1")));

        WriteGroup group = WriteGroup.decide(List.of(reserve, other, using, usingAgain),
                new WriteGroup.Locks(Map.of(2, new ScopeState(new Usage(1, 100, 1), CUSTOMER_LIMIT)),
                        Map.of(SPACE, new ScopeState(new Usage(1, 100, 1), null)), Map.of()), Map.of(), NOW);

        assertThat(group.outcomes().get(0)).isEqualTo(new WriteOutcome.Reserved(request.at(NOW)));
        assertThat(group.outcomes().get(1)).isInstanceOfSatisfying(WriteOutcome.Refused.class,
                refused -> assertThat(refused.refusal().wouldReach()).isEqualTo(1050));
        assertThat(group.outcomes().get(2)).isInstanceOf(WriteOutcome.Applied.class);
        assertThat(group.outcomes().get(3)).isInstanceOf(WriteOutcome.Refused.class);
        assertThat(((WriteOutcome.Reserved) group.outcomes().get(0)).reservation().expiresAt()).isEqualTo(NOW.plusSeconds(300));
        // Made and used up in the same transaction: no row to write, none to delete.
        assertThat(group.reservations()).isEmpty();
        assertThat(group.usedReservations()).isEmpty();
        assertThat(group.customerTotals()).containsExactly(Map.entry(2, new Usage(2, 950, 2)));
    }
}
