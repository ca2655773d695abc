package dev.storageledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backoff between attempts of a delivery. */
class DeliveryWorkerTest {

    @Test
    void retries_wait_longer_each_time_then_every_2880_times_the_first() {
        Duration first = Duration.ofSeconds(5);
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 20).stream().map(attempt -> DeliveryWorker.retryIn(first, attempt)).toList())
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10),
                        Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(4));
    }
}
