package dev.storageledger.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Waiting on a condition that only polling can observe (a job's state behind an HTTP resource, a server that is
 * starting, PostgreSQL's clock): the probe is asked again every few milliseconds until its answer satisfies the
 * condition, and the wait fails when the time runs out.
 */
public final class Poll {

    /** Short enough to see a state that lasts a few tens of milliseconds, long enough not to load the machine. */
    private static final Duration INTERVAL = Duration.ofMillis(10);

    private Poll() {
    }

    /** The first answer of {@code probe} that satisfies {@code done}; fails after {@code patience}. */
    public static <T> T until(Callable<T> probe, Predicate<T> done, Duration patience) throws Exception {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            T answer = probe.call();
            if (done.test(answer)) {
                return answer;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the condition was not met within " + patience + "; last answer: " + answer);
            }
            Thread.sleep(INTERVAL);
        }
    }

    /** Waits until {@code condition} holds; fails after {@code patience}. */
    public static void until(Callable<Boolean> condition, Duration patience) throws Exception {
        until(condition, Boolean::booleanValue, patience);
    }
}
