package dev.storageledger.audit;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.LongStatements;
import dev.storageledger.failure.Failure;
import dev.storageledger.webhook.Event;
import dev.storageledger.webhook.EventType;
import dev.storageledger.webhook.Outbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs jobs in the background, on two threads of this instance, and keeps each job's state and progress in its row.
 * Progress is written in a transaction of its own (so that it shows while the work's own transaction runs), at each
 * large step (10,000 records or more) and otherwise at most every tenth of a second; or, when the work says so, in
 * the work's own transaction (a recalculation's steps, each of which commits).
 */
@Service
public class Jobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    private static final long LARGE_STEP = 10_000;
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

    /** The kinds of job of which a customer may have only so many queued or running at once. */
    private static final Set<Job.Kind> LIMITED = EnumSet.of(Job.Kind.RECALCULATION, Job.Kind.RECONCILIATION);
    /** As for a check (AssetChecker): a job not finished an hour after it was made has died with its instance. */
    private static final Duration PRESUMED_DEAD_AFTER = Duration.ofHours(1);

    private final JobRepository repository;
    private final Outbox outbox;
    private final TransactionTemplate separately;
    private final int maximumJobs;
    /** The jobs this instance runs, each completed once its final state is committed (what a waiting reader waits for). */
    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon(true).name("ledger-job-", 0).factory());

    Jobs(JobRepository repository, Outbox outbox, PlatformTransactionManager transactionManager, LedgerProperties.PerCustomer perCustomer) {
        this.repository = repository;
        this.outbox = outbox;
        this.separately = new TransactionTemplate(transactionManager);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.maximumJobs = perCustomer.maxJobs();
    }

    /** What a job's work reports as it goes. */
    public interface Progress {
        void total(long records);

        void add(long records);

        /**
         * As {@link #add}, but written at once in the caller's transaction, so that it commits with the work it counts
         * and costs no commit of its own (a recalculation's steps).
         */
        void addWithin(long records);

        /**
         * An event for webhooks, recorded with the job's result in the transaction that records it (its data gets the
         * job's id as "job"); dropped if the job fails.
         */
        void announce(EventType type, int customer, Map<String, Object> data);
    }

    /** The work itself: answers its result, of the type its job's kind produces. */
    public interface Work {
        JobResult run(Progress progress) throws Exception;
    }

    /**
     * Queues the work as a job of its own. A recalculation or a reconciliation is refused (too many requests) while its
     * customer has the most of them queued or running at once (LEDGER_MAX_JOBS_PER_CUSTOMER; the jobs over every
     * customer count together the same way).
     */
    public Job start(String id, Job.Kind kind, Integer customer, Integer space, Work work) {
        if (LIMITED.contains(kind)) {
            separately.executeWithoutResult(status -> {
                repository.lockJobsOf(customer);
                int unfinished = repository.unfinished(customer, LIMITED, PRESUMED_DEAD_AFTER);
                if (unfinished >= maximumJobs) {
                    throw Failure.tooManyRequests((customer == null ? "Every customer at once has " : "Customer " + customer + " has ")
                            + unfinished + " recalculations and reconciliations queued or running, the most allowed at once (the limit "
                            + "of jobs per customer is " + maximumJobs + "): start another when one has finished");
                }
                repository.insert(id, kind, customer, space);
            });
        } else {
            repository.insert(id, kind, customer, space);
        }
        submit(id, kind, work);
        return get(id);
    }

    /** Starts the job unless a job of this id exists (another instance started it). */
    void startOnce(String id, Job.Kind kind, Integer customer, Integer space, Work work) {
        if (repository.insert(id, kind, customer, space)) {
            submit(id, kind, work);
        }
    }

    /** The recalculations and reconciliations of a customer, a page of them, newest first; and how many there are. */
    public List<Job> audits(int customer, long offset, int limit) {
        return repository.page(customer, LIMITED, offset, limit);
    }

    public long countAudits(int customer) {
        return repository.count(customer, LIMITED);
    }

    public Job get(String id) {
        return repository.find(id).orElseThrow(() -> Failure.notFound("There is no job '" + id + "'"));
    }

    /** The longest a reader may wait for a job to finish (a request's thread is held meanwhile). */
    public static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    /**
     * The job, read once it has finished or once {@code patience} (at most {@link #LONGEST_WAIT}) has passed,
     * whichever comes first. A job this instance runs is waited for without polling (its final state is committed
     * before the wait ends); a job of another instance, or a finished one, is read as it is now.
     */
    public Job await(Job job, Duration patience) {
        CompletableFuture<Void> done = running.get(job.id());
        if (done == null || job.state() == Job.State.SUCCEEDED || job.state() == Job.State.FAILED || patience.isZero()) {
            return job;
        }
        try {
            done.get(Math.min(patience.toMillis(), LONGEST_WAIT.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // not finished within the patience: read as it is now
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return get(job.id());
    }

    private void submit(String id, Job.Kind kind, Work work) {
        running.put(id, new CompletableFuture<>());
        workers.submit(() -> {
            try {
                // A job's statements (sums over every record, a walk of the storage) may run far past a request's timeout.
                LongStatements.run(() -> execute(id, kind, work));
            } finally {
                running.remove(id).complete(null);
            }
        });
    }

    private void execute(String id, Job.Kind kind, Work work) {
        long[] done = {0};
        long[] written = {System.nanoTime()};
        List<Event> announced = new ArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void total(long records) {
                separately.executeWithoutResult(status -> repository.start(id, records));
            }

            @Override
            public void add(long records) {
                done[0] += records;
                if (records >= LARGE_STEP || System.nanoTime() - written[0] > PROGRESS_INTERVAL_NANOS) {
                    separately.executeWithoutResult(status -> repository.progress(id, done[0]));
                    written[0] = System.nanoTime();
                }
            }

            @Override
            public void addWithin(long records) {
                done[0] += records;
                repository.progress(id, done[0]);
                written[0] = System.nanoTime();
            }

            @Override
            public void announce(EventType type, int customer, Map<String, Object> data) {
                Map<String, Object> withJob = new LinkedHashMap<>(data);
                withJob.put("job", id);
                announced.add(new Event(type, customer, withJob));
            }
        };
        try {
            JobResult result = work.run(progress);
            if (!kind.resultType().isInstance(result)) {
                throw new IllegalStateException("a job of kind " + kind + " answered " + result);
            }
            separately.executeWithoutResult(status -> {
                repository.finish(id, done[0], result);
                outbox.record(announced);
            });
        } catch (Exception e) {
            log.error("Job {} failed", id, e);
            repository.fail(id, "The job failed: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
