package dev.storageledger.bench;

import java.time.Duration;

/** Slow connections held against the service, in the soak's JVM ({@link SlowAttacker}) or in a process of their own. */
interface SlowAttack extends AutoCloseable {

    /** What the attack has seen so far. */
    record Tally(int open, int mostOpen, long opened, long refused, long closedLater, Duration meanLifeOfClosedLater,
            long failedToConnect) {
    }

    Tally tally();

    @Override
    void close();
}
