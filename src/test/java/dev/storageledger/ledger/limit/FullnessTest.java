package dev.storageledger.ledger.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FullnessTest {

    private static final Fullness.Thresholds THRESHOLDS = new Fullness.Thresholds(0.9, 0.99);

    @Test
    void a_limit_is_in_the_state_whose_band_holds_its_fraction_and_exceeded_when_nothing_remains() {
        assertThat(Fullness.of(899, 1000, THRESHOLDS)).isEqualTo(Fullness.NORMAL);
        assertThat(Fullness.of(900, 1000, THRESHOLDS)).isEqualTo(Fullness.NEARING);
        assertThat(Fullness.of(989, 1000, THRESHOLDS)).isEqualTo(Fullness.NEARING);
        assertThat(Fullness.of(990, 1000, THRESHOLDS)).isEqualTo(Fullness.CRITICAL);
        assertThat(Fullness.of(999, 1000, THRESHOLDS)).isEqualTo(Fullness.CRITICAL);
        assertThat(Fullness.of(1000, 1000, THRESHOLDS)).isEqualTo(Fullness.EXCEEDED);
        assertThat(Fullness.of(0, 0, THRESHOLDS)).isEqualTo(Fullness.EXCEEDED);
    }

    @Test
    void a_largest_limit_one_byte_short_of_full_is_critical_though_its_fraction_rounds_to_one() {
        assertThat(Fullness.fraction(Long.MAX_VALUE - 1, Long.MAX_VALUE)).isEqualTo(1.0);
        assertThat(Fullness.of(Long.MAX_VALUE - 1, Long.MAX_VALUE, THRESHOLDS)).isEqualTo(Fullness.CRITICAL);
    }

    @Test
    void the_bands_of_the_states_below_exceeded_follow_one_another_without_gap_or_overlap() {
        assertThat(Fullness.NORMAL.band(THRESHOLDS)).isEqualTo(new Fullness.Band(null, 0.9));
        assertThat(Fullness.NEARING.band(THRESHOLDS)).isEqualTo(new Fullness.Band(0.9, 0.99));
        assertThat(Fullness.CRITICAL.band(THRESHOLDS)).isEqualTo(new Fullness.Band(0.99, null));
        assertThatThrownBy(() -> Fullness.EXCEEDED.band(THRESHOLDS)).isInstanceOf(IllegalArgumentException.class);
        // Equal thresholds leave nearing an empty band: a limit goes from normal to critical.
        Fullness.Thresholds equal = new Fullness.Thresholds(0.95, 0.95);
        assertThat(Fullness.of(950, 1000, equal)).isEqualTo(Fullness.CRITICAL);
        assertThat(Fullness.of(949, 1000, equal)).isEqualTo(Fullness.NORMAL);
    }

    @Test
    void a_state_is_named_as_the_api_writes_it() {
        assertThat(Fullness.named("nearing")).contains(Fullness.NEARING);
        assertThat(Fullness.named("full")).isEmpty();
        assertThat(Fullness.EXCEEDED.id()).isEqualTo("exceeded");
    }
}
