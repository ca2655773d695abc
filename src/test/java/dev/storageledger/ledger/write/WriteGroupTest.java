package dev.storageledger.ledger.write;

import static dev.storageledger.ledger.write.Given.NOW;
import static dev.storageledger.ledger.write.Given.aCapacityOf;
import static dev.storageledger.ledger.write.Given.aCustomer;
import static dev.storageledger.ledger.write.Given.aDeletion;
import static dev.storageledger.ledger.write.Given.aPolicyOf;
import static dev.storageledger.ledger.write.Given.aRecord;
import static dev.storageledger.ledger.write.Given.aRecordOwnedBy;
import static dev.storageledger.ledger.write.Given.aRecordUsing;
import static dev.storageledger.ledger.write.Given.aReservationRequest;
import static dev.storageledger.ledger.write.Given.anAsset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.BatchSummary;
import dev.storageledger.ledger.count.UsageChange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteGroupTest {

    private static final SpaceKey SPACE = new SpaceKey(2, 5);

    @Test
    void each_write_sees_the_writes_accepted_before_it_and_one_past_the_limit_is_refused_alone() {
        WriteGroup.Decision group = aCustomer(2).withPolicy(3, 1000).storing(1, 100, 1).withSpace(5)
                .deciding(aRecord(2, 5, "a", 300, 1), aRecord(2, 5, "b", 700, 1), aRecord(2, 5, "c", 10, 1));

        assertThat(group.outcomes().get(0)).isInstanceOf(WriteOutcome.Applied.class);
        assertThat(group.outcomes().get(1)).isInstanceOfSatisfying(WriteOutcome.Refused.class,
                refused -> assertThat(refused.refusal().wouldReach()).isEqualTo(1100));
        assertThat(group.outcomes().get(2)).isInstanceOf(WriteOutcome.Applied.class);
        assertThat(group.changes().customers()).containsExactly(Map.entry(2, new UsageChange(2, 310, 2)));
        assertThat(group.changes().spaces()).containsExactly(Map.entry(SPACE, new UsageChange(2, 310, 2)));
        assertThat(group.changes().inserts()).extracting(row -> row.asset().ref().asset()).containsExactly("a", "c");
    }

    @Test
    void two_writes_of_one_asset_in_a_group_leave_the_net_change_only() {
        WriteGroup.Decision group = aCustomer(2).withPolicy(3, 1000).storing(1, 100, 1).withSpace(5)
                .withStored(anAsset(5, "kept", 100, 1, null))
                .deciding(aRecord(2, 5, "kept", 150, 1), aRecord(2, 5, "kept", 120, 1), aRecord(2, 5, "new", 5, 1), aDeletion(2, 5, "new"));

        assertThat(group.outcomes()).allSatisfy(outcome -> assertThat(outcome).isInstanceOf(WriteOutcome.Applied.class));
        assertThat(group.changes().inserts()).isEmpty();
        assertThat(group.changes().deletes()).isEmpty();
        assertThat(group.changes().updates()).singleElement().satisfies(row -> {
            assertThat(row.asset().size().size()).isEqualTo(120);
            assertThat(row.asset().lastChecked()).isEqualTo(NOW);
        });
        assertThat(group.changes().customers()).containsExactly(Map.entry(2, new UsageChange(0, 20, 0)));
    }

    @Test
    void a_write_that_changes_nothing_keeps_the_stored_asset_and_no_total_moves() {
        StoredAsset before = anAsset(5, "same", 100, 1, null);

        WriteGroup.Decision group = aCustomer(2).withPolicy(3, 1000).storing(1, 100, 1).withSpace(5).withStored(before)
                .deciding(aRecord(2, 5, "same", 100, 1));

        assertThat(group.outcomes().getFirst()).isEqualTo(new WriteOutcome.Applied(new BatchSummary(0, 0, 0), List.of(before)));
        assertThat(group.changes().isEmpty()).isTrue();
    }

    @Test
    void unknown_customers_and_spaces_are_refused_with_the_record_that_names_them() {
        Write twoSpaces = Write.records(2, List.of(StorageRecord.stored(new AssetRef(5, "ok"), new AssetSize(1, 0), null),
                StorageRecord.stored(new AssetRef(6, "nowhere"), new AssetSize(1, 0), null)));

        WriteGroup.Decision group = aCustomer(2).withPolicy(3, 1000).withSpace(5).deciding(aRecord(9, 0, "x", 1, 0), twoSpaces);

        assertThat(group.outcomes()).containsExactly(new WriteOutcome.UnknownCustomer(9), new WriteOutcome.UnknownSpace(2, 6, 1));
        assertThat(group.changes().isEmpty()).isTrue();
    }

    @Test
    void a_write_that_would_overflow_a_total_is_refused_alone() {
        WriteGroup.Decision group = aCustomer(2).withPolicy(Long.MAX_VALUE, Long.MAX_VALUE).storing(1, 100, 1).withSpace(5)
                .deciding(aRecord(2, 5, "huge", Long.MAX_VALUE, 1), aRecord(2, 5, "small", 1, 1));

        assertThat(group.outcomes().get(0)).isInstanceOf(WriteOutcome.Overflowed.class);
        assertThat(group.outcomes().get(1)).isInstanceOf(WriteOutcome.Applied.class);
    }

    @Test
    void a_space_over_its_own_policy_refuses_a_new_asset_that_its_customer_would_take() {
        WriteGroup.Decision group = aCustomer(2).withPolicy(100, 10_000).storing(1, 100, 1).withSpace(5, aPolicyOf(1, 10_000))
                .deciding(aRecord(2, 5, "second", 10, 0));

        assertThat(group.outcomes().getFirst()).isInstanceOfSatisfying(WriteOutcome.Refused.class, refused -> {
            assertThat(refused.refusal().scope()).isEqualTo(new Scope.Space(2, 5));
            assertThat(refused.refusal().wouldReach()).isEqualTo(2);
        });
    }

    @Test
    void an_owners_capacity_refuses_the_write_that_would_pass_it_and_unknown_owners_are_named() {
        OwnerKey alice = new OwnerKey(2, "alice");
        Write stranger = Write.records(2, List.of(StorageRecord.stored(new AssetRef(5, "d"), new AssetSize(1, 0), null),
                StorageRecord.stored(new AssetRef(5, "e"), new AssetSize(1, 0), "nobody")));

        WriteGroup.Decision group = aCustomer(2).withPolicy(100, 10_000).withSpace(5).andOwner("alice", aCapacityOf(70, 30))
                .deciding(aRecordOwnedBy("alice", 2, 5, "a", 60, 10), aRecordOwnedBy("alice", 2, 5, "b", 20, 11),
                        aRecordOwnedBy("alice", 2, 5, "c", 20, 10), stranger);

        assertThat(group.outcomes().get(0)).isInstanceOf(WriteOutcome.Applied.class);
        assertThat(group.outcomes().get(1)).isInstanceOfSatisfying(WriteOutcome.Refused.class, refused -> {
            assertThat(refused.refusal().scope()).isEqualTo(new Scope.Owner(2, "alice"));
            assertThat(refused.refusal().wouldReach()).isEqualTo(101);
        });
        assertThat(group.outcomes().get(2)).isInstanceOf(WriteOutcome.Applied.class);
        assertThat(group.outcomes().get(3)).isEqualTo(new WriteOutcome.UnknownOwner(2, "nobody", 1));
        assertThat(group.changes().owners()).containsExactly(Map.entry(alice, new UsageChange(2, 80, 20)));
        assertThat(group.changes().customers()).containsExactly(Map.entry(2, new UsageChange(2, 80, 20)));
    }

    @Test
    void a_reservation_holds_room_that_only_the_record_that_uses_it_may_take() {
        Reservation.Request request = aReservationRequest("r1", 5, 800, Duration.ofMinutes(5));

        WriteGroup.Decision group = aCustomer(2).withPolicy(3, 1000).storing(1, 100, 1).withSpace(5)
                .deciding(Write.reserve(2, request), aRecord(2, 5, "other", 150, 0), aRecordUsing("r1", 2, 5, "upload", 850, 1),
                        aRecordUsing("r1", 2, 5, "again", 800, 1));

        assertThat(group.outcomes().get(0)).isEqualTo(new WriteOutcome.Reserved(request.at(NOW)));
        assertThat(group.outcomes().get(1)).isInstanceOfSatisfying(WriteOutcome.Refused.class,
                refused -> assertThat(refused.refusal().wouldReach()).isEqualTo(1050));
        assertThat(group.outcomes().get(2)).isInstanceOf(WriteOutcome.Applied.class);
        assertThat(group.outcomes().get(3)).isInstanceOf(WriteOutcome.Refused.class);
        assertThat(((WriteOutcome.Reserved) group.outcomes().get(0)).reservation().expiresAt()).isEqualTo(NOW.plusSeconds(300));
        // Made and used up in the same transaction: no row to write, none to delete.
        assertThat(group.changes().reservations()).isEmpty();
        assertThat(group.changes().usedReservations()).isEmpty();
        assertThat(group.changes().customers()).containsExactly(Map.entry(2, new UsageChange(1, 850, 1)));
    }

    @Test
    void a_reservation_in_a_space_the_customer_does_not_have_is_refused_and_holds_nothing() {
        WriteGroup.Decision group = aCustomer(2).withPolicy(3, 1000).withSpace(5)
                .deciding(Write.reserve(2, aReservationRequest("r1", 6, 10, Duration.ofMinutes(5))));

        assertThat(group.outcomes()).containsExactly(new WriteOutcome.UnknownSpace(2, 6, -1));
        assertThat(group.changes().isEmpty()).isTrue();
    }

    @Test
    void a_measured_write_is_taken_whatever_the_limits() {
        Write measured = Write.measured(2, List.of(StorageRecord.stored(new AssetRef(5, "big"), new AssetSize(5000, 0), null)));

        WriteGroup.Decision group = aCustomer(2).withPolicy(3, 1000).withSpace(5).deciding(measured);

        assertThat(group.outcomes().getFirst()).isInstanceOf(WriteOutcome.Applied.class);
        assertThat(group.changes().customers()).containsExactly(Map.entry(2, new UsageChange(1, 5000, 0)));
    }

    @Test
    void an_asset_deleted_from_the_store_is_a_delete_row_and_its_owner_loses_it() {
        WriteGroup.Decision group = aCustomer(2).withPolicy(3, 1000).storing(1, 100, 1).withSpace(5).andOwner("alice", aCapacityOf(500, 0))
                .withStored(anAsset(5, "gone", 100, 1, "alice"))
                .deciding(aDeletion(2, 5, "gone"));

        assertThat(group.changes().deletes()).containsExactly(new CustomerAsset(2, new AssetRef(5, "gone")));
        assertThat(group.changes().owners()).containsExactly(Map.entry(new OwnerKey(2, "alice"), new UsageChange(-1, -100, -1)));
    }
}
