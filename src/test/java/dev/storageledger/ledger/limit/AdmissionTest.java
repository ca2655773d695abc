package dev.storageledger.ledger.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.count.UsageChange;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final Scope SPACE = new Scope.Space(2, 5);
    private static final Limit LIMIT = new Limit.Policy("small", 10, 1000);

    @Test
    void a_write_that_ends_exactly_at_the_limit_is_admitted() {
        Admission admission = decide(SPACE, new Usage(10, 1000, 99), new UsageChange(1, 100, 9), LIMIT);

        assertThat(admission).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void a_new_asset_that_would_pass_the_number_of_images_is_refused() {
        Admission admission = decide(SPACE, new Usage(11, 500, 0), new UsageChange(1, 10, 0), LIMIT);

        assertThat(admission).isEqualTo(new Admission.LimitExceeded(SPACE, LIMIT, Admission.Dimension.NUMBER_OF_IMAGES, 10, 10, 0, 11));
    }

    @Test
    void the_new_assets_own_size_counts_against_the_total_size() {
        Admission admission = decide(SPACE, new Usage(3, 1001, 0), new UsageChange(1, 2, 0), LIMIT);

        assertThat(admission).isInstanceOf(Admission.LimitExceeded.class);
        assertThat(((Admission.LimitExceeded) admission).detail())
                .isEqualTo("This operation will fall outside of the storage policy 'small' of space 5 of customer 2 for "
                        + "total size of stored images: maximum is 1000; stored 999 and reserved 0, the write would reach 1001");
    }

    @Test
    void a_refusal_names_the_stored_and_the_reserved_figures_apart_from_the_figure_the_write_would_reach() {
        Admission admission = Admission.decide(SPACE, new Usage(3, 900, 0), new Usage(1, 50, 0), new Usage(5, 1001, 0),
                new UsageChange(1, 51, 0), LIMIT);

        assertThat(admission).isEqualTo(new Admission.LimitExceeded(SPACE, LIMIT, Admission.Dimension.TOTAL_SIZE, 1000, 900, 50, 1001));
        assertThat(((Admission.LimitExceeded) admission).detail())
                .endsWith("total size of stored images: maximum is 1000; stored 900 and reserved 50, the write would reach 1001");
    }

    @Test
    void thumbnails_do_not_count_against_a_limit() {
        Admission admission = decide(SPACE, new Usage(1, 10, 5_000_000), new UsageChange(0, 0, 5_000_000), LIMIT);

        assertThat(admission).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void a_write_that_shrinks_use_is_admitted_even_above_a_lowered_limit() {
        Admission admission = decide(SPACE, new Usage(50, 9000, 0), new UsageChange(-1, -100, 0), LIMIT);

        assertThat(admission).isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void a_write_that_grows_only_the_size_is_refused_above_the_size_limit_even_when_the_count_shrinks() {
        Admission admission = decide(SPACE, new Usage(9, 1500, 0), new UsageChange(-1, 600, 0), LIMIT);

        assertThat(admission).isInstanceOfSatisfying(Admission.LimitExceeded.class,
                refusal -> assertThat(refusal.dimension()).isEqualTo(Admission.Dimension.TOTAL_SIZE));
    }

    private static final Scope OWNER = new Scope.Owner(2, "alice");

    /** A write to a scope that holds no reservation: it stored {@code after} less {@code change}. */
    private static Admission decide(Scope scope, Usage after, UsageChange change, Limit limit) {
        Usage stored = new Usage(after.images() - change.images(), after.size() - change.size(), after.thumbnails() - change.thumbnails());
        return Admission.decide(scope, stored, Usage.NONE, after, change, limit);
    }

    @Test
    void a_capacity_counts_size_and_thumbnails_together_against_base_and_packs() {
        Limit.Capacity capacity = new Limit.Capacity(1000, 500);

        assertThat(decide(OWNER, new Usage(2, 1400, 100), new UsageChange(1, 10, 90), capacity))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(decide(OWNER, new Usage(2, 1400, 101), new UsageChange(0, 0, 1), capacity))
                .isEqualTo(new Admission.LimitExceeded(OWNER, capacity, Admission.Dimension.BYTES_USED, 1500, 1500, 0, 1501));
    }

    @Test
    void a_capacity_refusal_names_the_user_and_how_their_capacity_is_made() {
        Admission admission = decide(OWNER, new Usage(1, 60, 50), new UsageChange(1, 60, 50), new Limit.Capacity(100, 0));

        assertThat(((Admission.LimitExceeded) admission).detail())
                .isEqualTo("This operation will fall outside of the capacity (base 100 + active storage packs 0 bytes) of user "
                        + "'alice' of customer 2 for bytes used (size and thumbnails): maximum is 100; stored 0 and reserved 0, the write would reach 110");
    }

    @Test
    void a_user_above_a_capacity_that_shrank_may_still_shrink_or_move_bytes_between_size_and_thumbnails() {
        Limit.Capacity expired = new Limit.Capacity(100, 0);

        assertThat(decide(OWNER, new Usage(5, 900, 0), new UsageChange(-1, -100, 0), expired))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(decide(OWNER, new Usage(5, 950, 50), new UsageChange(0, 50, -50), expired))
                .isInstanceOf(Admission.Admitted.class);
    }

    @Test
    void figures_near_the_largest_total_neither_overflow_nor_pass_the_capacity() {
        Limit.Capacity largest = new Limit.Capacity(Long.MAX_VALUE, Long.MAX_VALUE);

        assertThat(largest.total()).isEqualTo(Long.MAX_VALUE);
        assertThat(decide(OWNER, new Usage(2, Long.MAX_VALUE, 1), new UsageChange(1, 1, 1), largest))
                .isInstanceOfSatisfying(Admission.LimitExceeded.class,
                        refusal -> assertThat(refusal.wouldReach()).isEqualTo(Long.MAX_VALUE));
    }
}
