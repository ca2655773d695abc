package dev.storageledger;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's one clock: every class that asks for "now" (and every statement that needs it, as its {@code :now})
 * takes it from this bean, so that tests can move time instead of waiting for it.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    /** UTC, in microseconds: PostgreSQL keeps no finer instants, so what is stored is what was read. */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
