package dev.storageledger.ledger.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.LedgerProperties;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.count.BatchSummary;
import dev.storageledger.ledger.limit.Admission;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import dev.storageledger.support.Poll;
import dev.storageledger.worker.Workers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer's bounded queue, against a transaction step that the test holds: a flood of writes behind a group that
 * does not finish fills the queue, and the write after them is answered "not applied" instead of waiting without end.
 */
class GroupingWriterTest {

    private static final int CAPACITY = 8;

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch applying = new CountDownLatch(1);
    private final List<Integer> applied = new ArrayList<>();
    private final HeldGroups groups = new HeldGroups();
    private final GroupingWriter writer = new GroupingWriter(groups, new UncountedMetrics(),
            new LedgerProperties.Writes(CAPACITY, Duration.ofMillis(50), Duration.ofSeconds(2)), new Workers());
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        release.countDown();
        clients.shutdownNow();
        writer.destroy();
    }

    @Test
    void a_write_that_finds_the_queue_full_is_answered_not_applied_and_the_queued_ones_are_applied_once_the_writer_goes_on()
            throws Exception {
        CompletableFuture<WriteOutcome> first = CompletableFuture.supplyAsync(() -> writer.write(Operation.RECORD, write(0)), clients);
        applying.await(); // the writer thread is in its group, which does not finish
        List<CompletableFuture<WriteOutcome>> queued = new ArrayList<>();
        for (int customer = 1; customer <= CAPACITY; customer++) {
            int each = customer;
            queued.add(CompletableFuture.supplyAsync(() -> writer.write(Operation.RECORD, write(each)), clients));
        }
        Poll.until(() -> writer.waiting() == CAPACITY, Duration.ofSeconds(30));

        WriteOutcome refused = writer.write(Operation.RECORD, write(CAPACITY + 1));

        assertThat(refused).isInstanceOfSatisfying(WriteOutcome.Unavailable.class, unavailable -> assertThat(unavailable.reason())
                .isEqualTo("The ledger's write queue stayed full (8 writes waiting) for 50 ms; nothing was applied"));
        assertThat(first).isNotDone();
        release.countDown();
        assertThat(first.join()).isInstanceOf(WriteOutcome.Applied.class);
        for (CompletableFuture<WriteOutcome> write : queued) {
            assertThat(write.join()).isInstanceOf(WriteOutcome.Applied.class);
        }
        synchronized (applied) {
            assertThat(applied).as("the customers whose writes were applied").hasSize(CAPACITY + 1).doesNotContain(CAPACITY + 1);
        }
        assertThat(writer.waiting()).isZero();
    }

    private static Write write(int customer) {
        return Write.measured(customer, List.of(StorageRecord.stored(new AssetRef(1, "a"), new AssetSize(1, 0), null)));
    }

    /** A transaction step whose first group waits until the test releases it; every write is applied. */
    private final class HeldGroups implements GroupingWriter.Groups {

        @Override
        public List<WriteOutcome> apply(List<Write> writes) {
            applying.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            synchronized (applied) {
                writes.forEach(write -> applied.add(write.customer()));
            }
            return writes.stream().<WriteOutcome>map(write -> new WriteOutcome.Applied(new BatchSummary(1, 0, 0), List.of())).toList();
        }

        @Override
        public <T> T inTransaction(LedgerWriter.Work<T> work) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class UncountedMetrics implements WriteMetrics {

        @Override
        public void accepted(Operation operation) {
        }

        @Override
        public void refused(Operation operation, Admission.LimitExceeded refusal) {
        }

        @Override
        public void overflowed(Operation operation) {
        }

        @Override
        public void groupApplied(int writes) {
        }
    }
}
