package dev.storageledger.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.Poll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A worker outlives what its rounds throw, and a new thread takes over when its thread ends. */
class WorkerTest {

    private final Workers workers = new Workers();

    @Test
    void a_round_that_throws_an_out_of_memory_error_is_logged_and_the_same_thread_goes_on() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        Worker worker = workers.worker("test-out-of-memory", Duration.ofMillis(10), () -> {
            threads.add(Thread.currentThread());
            if (rounds.incrementAndGet() <= 2) {
                throw new OutOfMemoryError("Java heap space (thrown by the test)");
            }
            return false;
        });
        try {
            worker.start();

            Poll.until(() -> rounds.get() >= 4, Duration.ofSeconds(30));
            assertThat(threads).as("one thread did every round").allMatch(thread -> thread == threads.getFirst());
            assertThat(worker.lastFailure()).hasValueSatisfying(failed -> assertThat(failed.what()).isEqualTo("java.lang.OutOfMemoryError"));
            assertThat(worker.restarts()).isZero();
            assertThat(workers.health().getStatus().getCode()).isEqualTo("UP");
        } finally {
            worker.stop();
        }
    }

    @Test
    void a_worker_whose_thread_is_interrupted_while_the_service_runs_gets_a_new_thread_under_its_name() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        Worker worker = workers.worker("test-interrupted", Duration.ofMillis(10), () -> {
            if (!threads.contains(Thread.currentThread())) {
                threads.add(Thread.currentThread());
            }
            rounds.incrementAndGet();
            return false;
        });
        try {
            worker.start();
            Poll.until(() -> rounds.get() >= 1, Duration.ofSeconds(30));

            threads.getFirst().interrupt();

            Poll.until(() -> threads.size() == 2 && rounds.get() >= 3, Duration.ofSeconds(30));
            assertThat(threads.getLast().getName()).isEqualTo("test-interrupted");
            assertThat(threads.getFirst().isAlive()).isFalse();
            assertThat(worker.restarts()).isEqualTo(1);
            assertThat(workers.health().getDetails()).containsKey("test-interrupted");
            assertThat(workers.health().getStatus().getCode()).isEqualTo("UP");
        } finally {
            worker.stop();
        }
    }

    @Test
    void a_stopped_worker_ends_and_is_neither_replaced_nor_reported_dead() throws Exception {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        Worker worker = workers.worker("test-stopped", Duration.ofMillis(10), () -> {
            if (!threads.contains(Thread.currentThread())) {
                threads.add(Thread.currentThread());
            }
            return false;
        });
        worker.start();
        Poll.until(() -> !threads.isEmpty(), Duration.ofSeconds(30));

        worker.stop(Duration.ofSeconds(30));

        assertThat(threads.getFirst().isAlive()).isFalse();
        assertThat(threads).hasSize(1);
        assertThat(worker.dead()).isFalse();
        assertThat(workers.health().getStatus().getCode()).isEqualTo("UP");
    }
}
