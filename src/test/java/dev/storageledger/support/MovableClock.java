package dev.storageledger.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock in the full-stack tests (imported by {@link IntegrationTest}, in place of the UTC system clock):
 * the real time plus an offset that tests move forward, so that a test crosses a history step, a reservation's or a
 * pack's expiry or a forecast's window by moving the clock rather than by waiting for it.
 *
 * <p>It moves on with the real time between moves, and never goes back: the database still stamps some rows with its
 * own clock (a scope's creation, webhooks, jobs), and every test shares this clock, so it stays at or after the real
 * time, as those stamps and the other tests expect. Tests move it by little (seconds), for the same reason.
 */
@Primary
public final class MovableClock extends Clock {

    /** In microseconds, as the service's own clock (PostgreSQL keeps no finer instants). */
    private final Clock real = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return real.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock is UTC");
    }

    /** Moves the clock forward by {@code duration}. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock never goes back: " + duration);
        }
        offset.accumulateAndGet(duration, Duration::plus);
    }

    /** Moves the clock forward, if need be, until it is past {@code instant} (by a microsecond at least). */
    public void movePast(Instant instant) {
        Duration missing = Duration.between(instant(), instant).plusNanos(1_000);
        if (missing.isPositive()) {
            advance(missing);
        }
    }
}
