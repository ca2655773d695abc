package dev.storageledger.web.error;

import java.time.Duration;

/** The value of a Retry-After header: whole seconds, rounded up, so that a client that waits that long is let in. */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static String seconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() == 0 ? 0 : 1);
        return String.valueOf(Math.max(1, seconds));
    }
}
