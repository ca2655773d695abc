package dev.storageledger.security;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failures counted by key (an email, a client address) in a sliding window: a key with {@code limit} failures within
 * {@code window} is locked until the oldest of them is {@code window} old, and every attempt meanwhile is refused
 * without being tried, so at most {@code limit} guesses per key get through in any {@code window}.
 *
 * <p>Kept in this instance's memory. It remembers at most {@code maximumKeys} keys: past that, keys whose failures have
 * all left the window are forgotten first, then arbitrary ones, down to nine tenths of the maximum (a flood of
 * distinct keys can make it forget some, never grow without bound).
 */
final class FailureThrottle {

    private final int limit;
    private final long windowNanos;
    private final int maximumKeys;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

    FailureThrottle(int limit, Duration window, int maximumKeys, LongSupplier nanoTime) {
        if (limit < 1 || window.isNegative() || window.isZero() || maximumKeys < 1) {
            throw new IllegalArgumentException("a throttle needs a limit, a window and a number of keys: " + limit + ", " + window
                    + ", " + maximumKeys);
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.maximumKeys = maximumKeys;
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    int limit() {
        return limit;
    }

    /** How much longer {@code key} is locked; empty when it is not. */
    Optional<Duration> lockedFor(String key) {
        Failures recorded = failures.get(key);
        return recorded == null ? Optional.empty() : recorded.lockedFor(nanoTime.getAsLong());
    }

    /** Records a failure of {@code key}; answers how long it is locked from now on, when this failure locked it. */
    Optional<Duration> failed(String key) {
        if (failures.size() >= maximumKeys && !failures.containsKey(key)) {
            forgetSome();
        }
        return failures.computeIfAbsent(key, unused -> new Failures()).add(nanoTime.getAsLong());
    }

    /** Forgets the failures of {@code key} (its owner has just proved who they are). */
    void succeeded(String key) {
        failures.remove(key);
    }

    /** How many keys are remembered. */
    int keys() {
        return failures.size();
    }

    private void forgetSome() {
        long now = nanoTime.getAsLong();
        failures.values().removeIf(recorded -> recorded.expired(now));
        Iterator<String> keys = failures.keySet().iterator();
        while (failures.size() > maximumKeys * 9 / 10 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    /** The times of a key's latest failures, up to {@code limit} of them, in a ring. */
    private final class Failures {

        private final long[] times = new long[limit];
        private int count;
        private int next;

        synchronized Optional<Duration> add(long now) {
            boolean wasLocked = lockedFor(now).isPresent();
            times[next] = now;
            next = (next + 1) % limit;
            count = Math.min(count + 1, limit);
            return wasLocked ? Optional.empty() : lockedFor(now);
        }

        synchronized Optional<Duration> lockedFor(long now) {
            if (count < limit) {
                return Optional.empty();
            }
            // Full, the ring's next slot holds the oldest of the last {@code limit} failures.
            long until = times[next] + windowNanos;
            return until - now > 0 ? Optional.of(Duration.ofNanos(until - now)) : Optional.empty();
        }

        synchronized boolean expired(long now) {
            int latest = (next + limit - 1) % limit;
            return count == 0 || now - times[latest] >= windowNanos;
        }
    }
}
