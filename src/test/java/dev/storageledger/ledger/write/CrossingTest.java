package dev.storageledger.ledger.write;

import static dev.storageledger.ledger.write.Given.aCapacityOf;
import static dev.storageledger.ledger.write.Given.aCustomer;
import static dev.storageledger.ledger.write.Given.aDeletion;
import static dev.storageledger.ledger.write.Given.aRecord;
import static dev.storageledger.ledger.write.Given.aRecordOwnedBy;
import static dev.storageledger.ledger.write.Given.anAsset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.limit.Fullness;
import org.junit.jupiter.api.Test;

/** The changes of limits' states that a group's accepted writes make, write by write. */
class CrossingTest {

    private static final Fullness.Thresholds THRESHOLDS = new Fullness.Thresholds(0.9, 0.99);

    @Test
    void writes_of_one_group_that_fill_a_customer_step_by_step_make_each_steps_crossing_in_order() {
        WriteGroup.Decision group = aCustomer(2).withPolicy(100, 1000).storing(1, 800, 0).withSpace(5)
                .deciding(THRESHOLDS, aRecord(2, 5, "a", 100, 0), aRecord(2, 5, "b", 95, 0), aRecord(2, 5, "too-big", 50, 0),
                        aRecord(2, 5, "c", 5, 0));

        assertThat(group.crossings()).extracting(Crossing::scope, Crossing::limit, Crossing::from, Crossing::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new Scope.Customer(2), "totalSizeOfStoredImages", Fullness.NORMAL, Fullness.NEARING),
                org.assertj.core.groups.Tuple.tuple(new Scope.Customer(2), "totalSizeOfStoredImages", Fullness.NEARING, Fullness.CRITICAL),
                org.assertj.core.groups.Tuple.tuple(new Scope.Customer(2), "totalSizeOfStoredImages", Fullness.CRITICAL, Fullness.EXCEEDED));
        Crossing exceeded = group.crossings().getLast();
        assertThat(exceeded.used()).isEqualTo(1000);
        assertThat(exceeded.maximum()).isEqualTo(1000);
        assertThat(exceeded.policy()).isEqualTo("small");
        assertThat(exceeded.fractionUsed()).isEqualTo(1.0);
    }

    @Test
    void a_refused_write_and_one_that_keeps_the_state_cross_nothing_and_nothing_is_computed_without_thresholds() {
        Given given = aCustomer(2).withPolicy(100, 1000).storing(1, 100, 0).withSpace(5);
        assertThat(given.deciding(THRESHOLDS, aRecord(2, 5, "huge", 5000, 0), aRecord(2, 5, "small", 10, 0)).crossings()).isEmpty();
        assertThat(given.deciding(aRecord(2, 5, "a", 850, 0)).crossings()).isEmpty();
        assertThat(given.deciding(THRESHOLDS, aRecord(2, 5, "a", 850, 0)).crossings()).hasSize(1);
    }

    @Test
    void a_users_capacity_counts_thumbnails_and_a_deletion_crosses_back_to_normal() {
        WriteGroup.Decision filled = aCustomer(2).storing(0, 0, 0).withSpace(5).andOwner("ann", aCapacityOf(100, 0))
                .deciding(THRESHOLDS, aRecordOwnedBy("ann", 2, 5, "a", 60, 40));
        assertThat(filled.crossings()).singleElement().satisfies(crossing -> {
            assertThat(crossing.scope()).isEqualTo(new Scope.Owner(2, "ann"));
            assertThat(crossing.limit()).isEqualTo("used");
            assertThat(crossing.to()).isEqualTo(Fullness.EXCEEDED);
        });

        WriteGroup.Decision emptied = aCustomer(2).storing(1, 60, 40).withSpace(5).andOwner("ann", aCapacityOf(100, 0))
                .withStored(anAsset(5, "a", 60, 40, "ann")).deciding(THRESHOLDS, aDeletion(2, 5, "a"));
        assertThat(emptied.crossings()).singleElement().satisfies(crossing -> {
            assertThat(crossing.from()).isEqualTo(Fullness.EXCEEDED);
            assertThat(crossing.to()).isEqualTo(Fullness.NORMAL);
        });
    }
}
