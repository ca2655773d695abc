package dev.storageledger.worker;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread of the service that does its work in rounds and outlives whatever a round throws, an Error
 * included (an OutOfMemoryError caused by another thread's allocation surfaces in whichever thread allocates next):
 * the failure is logged, the worker pauses and goes on. Should its thread end anyway (interrupted while the service
 * is not stopping, or a failure thrown while it handles one), a new thread takes over under the same name; should
 * that fail too, {@link Workers} reports the worker DOWN in /actuator/health. Made by {@link Workers#worker}.
 */
public final class Worker {

    /** One round of work. */
    @FunctionalInterface
    public interface Round {

        /** Does one round; answers true when more work is waiting, so that the next round starts at once. */
        boolean run() throws Exception;
    }

    /** The least pause after a failed round, so that a round that fails at once does not spin. */
    static final Duration LEAST_PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final String name;
    private final Duration pause;
    private final Round round;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile Thread thread;
    private volatile boolean stopped;
    private volatile Failed lastFailure;

    /** A failure a round threw, or what ended a thread. */
    public record Failed(Instant at, String what) {
    }

    Worker(String name, Duration pause, Round round) {
        this.name = requireNonNull(name, "name is null");
        this.pause = requireNonNull(pause, "pause is null");
        this.round = requireNonNull(round, "round is null");
    }

    public String name() {
        return name;
    }

    /** Starts the worker's thread, once; later calls do nothing. */
    public synchronized void start() {
        if (thread == null && !stopped) {
            thread = Thread.ofPlatform().daemon(true).name(name).start(() -> run(Duration.ZERO));
        }
    }

    /** Stops the worker: its thread is interrupted, ends after its round, and is not replaced. */
    public void stop() {
        stopped = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    /** {@link #stop()}, then waits up to {@code wait} for the thread to end. */
    public void stop(Duration wait) {
        stop();
        Thread running = thread;
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the worker was started, is not stopped, and its thread has ended with none to take over. */
    public boolean dead() {
        Thread running = thread;
        return running != null && !stopped && !running.isAlive();
    }

    /** The thread that runs the worker now (null before it is started). */
    Thread thread() {
        return thread;
    }

    public boolean started() {
        return thread != null;
    }

    public int restarts() {
        return restarts.get();
    }

    public Optional<Failed> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private void run(Duration firstPause) {
        try {
            sleep(firstPause);
            while (!stopped) {
                boolean more;
                try {
                    more = round.run();
                } catch (InterruptedException e) {
                    throw e;
                } catch (Throwable e) {
                    failed("its round failed", e);
                    sleep(pause.compareTo(LEAST_PAUSE_AFTER_FAILURE) > 0 ? pause : LEAST_PAUSE_AFTER_FAILURE);
                    continue;
                }
                if (!more) {
                    sleep(pause);
                }
            }
        } catch (Throwable ended) {
            if (!stopped) {
                failed("its thread ended", ended);
            }
        } finally {
            if (!stopped) {
                restart();
            }
        }
    }

    /** A new thread under the same name, after a pause; when none can be made, the worker is dead. */
    private void restart() {
        try {
            synchronized (this) {
                if (!stopped) {
                    restarts.incrementAndGet();
                    thread = Thread.ofPlatform().daemon(true).name(name).start(() -> run(LEAST_PAUSE_AFTER_FAILURE));
                }
            }
            log.warn("The background worker {} ended unexpectedly; a new thread has taken over", name);
        } catch (Throwable cannotRestart) {
            // nothing more can be done from here: health reports the worker dead
        }
    }

    /** Notes and logs a failure; the log itself may fail (with the heap full), which must not end the worker. */
    private void failed(String what, Throwable failure) {
        try {
            lastFailure = new Failed(Instant.now(), failure.getClass().getName());
            log.error("The background worker {}: {} ({}); it goes on", name, what, failure.toString(), failure);
        } catch (Throwable cannotLog) {
            // keep going: the worker's health shows the failure when it can be read
        }
    }

    /**
     * A fixed wait, by design: the pause between rounds is the worker's polling interval (its work comes from the
     * database, which does not call it), and the pause after a failure keeps a round that fails at once from spinning.
     * An interrupt ends it, so stopping never waits for it.
     */
    private static void sleep(Duration duration) throws InterruptedException {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    }
}
