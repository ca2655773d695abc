package dev.storageledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureThrottleTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    /** The throttle's clock, moved by the test. */
    private long now = 1_000_000_000L;

    private final FailureThrottle throttle = new FailureThrottle(3, WINDOW, 1_000, () -> now);

    @Test
    void a_key_is_not_locked_below_its_limit_of_failures() {
        throttle.failed("a");
        throttle.failed("a");

        assertThat(throttle.lockedFor("a")).isEmpty();
        assertThat(throttle.lockedFor("never failed")).isEmpty();
    }

    @Test
    void the_failure_that_reaches_the_limit_locks_the_key_until_the_oldest_failure_is_a_window_old() {
        throttle.failed("a");
        advance(Duration.ofSeconds(10));
        assertThat(throttle.failed("a")).isEmpty();
        advance(Duration.ofSeconds(10));

        assertThat(throttle.failed("a")).contains(Duration.ofSeconds(40));
        assertThat(throttle.lockedFor("a")).contains(Duration.ofSeconds(40));
        advance(Duration.ofSeconds(39));
        assertThat(throttle.lockedFor("a")).contains(Duration.ofSeconds(1));
        advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor("a")).isEmpty();
    }

    @Test
    void the_window_slides_so_no_more_than_the_limit_of_failures_fit_in_any_window() {
        throttle.failed("a");
        advance(Duration.ofSeconds(50));
        throttle.failed("a");
        throttle.failed("a");
        advance(Duration.ofSeconds(10));
        assertThat(throttle.lockedFor("a")).as("the first failure has left the window").isEmpty();

        // With it, the two of 10 s ago and this one are three within the last minute.
        assertThat(throttle.failed("a")).contains(Duration.ofSeconds(50));
    }

    @Test
    void a_failure_while_locked_neither_answers_a_new_lock_nor_shortens_the_one_there_is() {
        throttle.failed("a");
        throttle.failed("a");
        throttle.failed("a");
        advance(Duration.ofSeconds(30));

        assertThat(throttle.failed("a")).isEmpty();
        assertThat(throttle.lockedFor("a")).isPresent();
    }

    @Test
    void keys_are_counted_apart_and_a_success_forgets_its_key() {
        throttle.failed("a");
        throttle.failed("a");
        throttle.failed("a");
        throttle.failed("b");

        throttle.succeeded("a");

        assertThat(throttle.lockedFor("a")).isEmpty();
        throttle.failed("b");
        assertThat(throttle.failed("b")).isPresent();
    }

    @Test
    void it_remembers_a_bounded_number_of_keys_forgetting_those_out_of_the_window_first() {
        FailureThrottle small = new FailureThrottle(2, WINDOW, 4, () -> now);
        small.failed("old 1");
        small.failed("old 2");
        small.failed("old 3");
        advance(WINDOW.plusSeconds(1));
        small.failed("locked");
        small.failed("locked");
        advance(Duration.ofSeconds(1));

        small.failed("new");

        assertThat(small.keys()).isEqualTo(2);
        assertThat(small.lockedFor("locked")).isPresent();
        for (int key = 0; key < 100; key++) {
            small.failed("flood " + key);
        }
        assertThat(small.keys()).isLessThanOrEqualTo(4);
    }

    private void advance(Duration duration) {
        now += duration.toNanos();
    }
}
