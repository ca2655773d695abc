package dev.storageledger.web.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TurnedAwayTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void an_address_answered_429_is_turned_away_for_a_second_and_no_other_address_is() {
        TurnedAway turnedAway = new TurnedAway();
        long now = -5 * SECOND; // System.nanoTime() may be negative
        turnedAway.turnAway("127.0.0.9", now);

        assertThat(turnedAway.turnedAway("127.0.0.9", now)).isTrue();
        assertThat(turnedAway.turnedAway("127.0.0.9", now + SECOND - 1)).isTrue();
        assertThat(turnedAway.turnedAway("127.0.0.9", now + SECOND)).isFalse();
        assertThat(turnedAway.turnedAway("127.0.0.8", now)).isFalse();
    }

    @Test
    void a_second_refusal_turns_it_away_for_a_second_from_then() {
        TurnedAway turnedAway = new TurnedAway();
        turnedAway.turnAway("::1", 0);
        turnedAway.turnAway("::1", SECOND / 2);

        assertThat(turnedAway.turnedAway("::1", SECOND)).isTrue();
        turnedAway.purge(SECOND);
        assertThat(turnedAway.turnedAway("::1", SECOND)).as("kept by the purge while its second lasts").isTrue();
        turnedAway.purge(2 * SECOND);
        assertThat(turnedAway.turnedAway("::1", SECOND)).as("forgotten once it is over").isFalse();
    }
}
