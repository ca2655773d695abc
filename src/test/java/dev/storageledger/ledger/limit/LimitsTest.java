package dev.storageledger.ledger.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.count.UsageChange;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private static final Limit.Policy SMALL = new Limit.Policy("small", 2, 1000);

    @Test
    void a_users_quota_comes_before_their_plan() {
        assertThat(Limits.ownerCapacity(OptionalLong.of(500), OptionalLong.of(9000), 0)).isEqualTo(new Limit.Capacity(500, 0));
    }

    @Test
    void a_user_without_a_quota_has_their_plans_capacity() {
        assertThat(Limits.ownerCapacity(OptionalLong.empty(), OptionalLong.of(9000), 0)).isEqualTo(new Limit.Capacity(9000, 0));
    }

    @Test
    void a_user_with_neither_quota_nor_plan_has_nothing_but_their_packs() {
        assertThat(Limits.ownerCapacity(OptionalLong.empty(), OptionalLong.empty(), 300)).isEqualTo(new Limit.Capacity(0, 300));
        assertThat(Limits.ownerCapacity(OptionalLong.empty(), OptionalLong.empty(), 300).total()).isEqualTo(300);
    }

    @Test
    void active_packs_add_to_a_quota_of_zero() {
        assertThat(Limits.ownerCapacity(OptionalLong.of(0), OptionalLong.of(9000), 250).total()).isEqualTo(250);
    }

    @Test
    void a_space_with_a_policy_of_its_own_is_limited_by_it_and_one_without_by_nothing_of_its_own() {
        assertThat(Limits.space(Optional.of(SMALL))).isEqualTo(SMALL);
        assertThat(Limits.space(Optional.empty())).isEqualTo(Limit.NONE);
    }

    @Test
    void a_space_is_governed_by_its_own_policy_or_else_its_customers() {
        assertThat(Limits.governingPolicy(Optional.of("small"), "default")).isEqualTo("small");
        assertThat(Limits.governingPolicy(Optional.empty(), "default")).isEqualTo("default");
    }

    @Test
    void no_limit_admits_any_growth() {
        assertThat(Admission.decide(new Scope.Space(1, 1), Usage.NONE, Usage.NONE, new Usage(1, Long.MAX_VALUE, 0),
                new UsageChange(1, Long.MAX_VALUE, 0), Limit.NONE)).isEqualTo(Admission.ADMITTED);
    }
}
