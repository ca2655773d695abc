package dev.storageledger.audit;

import dev.storageledger.NotFoundException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Runs jobs in the background, on two threads of this instance, and keeps each job's state and progress in its row.
 * Progress is written at each step the work reports (a step is large: a recalculation's is about 250,000 records).
 */
@Service
public class Jobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    private final JobRepository repository;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon(true).name("ledger-job-", 0).factory());

    Jobs(JobRepository repository) {
        this.repository = repository;
    }

    /** What a job's work reports as it goes. */
    public interface Progress {
        void total(long records);

        void add(long records);
    }

    /** The work itself: answers the result as JSON. */
    public interface Work {
        String run(Progress progress) throws Exception;
    }

    public Job start(String id, String kind, Integer customer, Integer space, Work work) {
        repository.insert(id, kind, customer, space);
        workers.submit(() -> execute(id, work));
        return get(id);
    }

    /** Starts the job unless a job of this id exists (another instance started it). */
    void startOnce(String id, String kind, Integer customer, Integer space, Work work) {
        if (repository.insert(id, kind, customer, space)) {
            workers.submit(() -> execute(id, work));
        }
    }

    public Job get(String id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("There is no job '" + id + "'"));
    }

    private void execute(String id, Work work) {
        long[] done = {0};
        Progress progress = new Progress() {
            @Override
            public void total(long records) {
                repository.start(id, records);
            }

            @Override
            public void add(long records) {
                done[0] += records;
                repository.progress(id, done[0]);
            }
        };
        try {
            String result = work.run(progress);
            repository.finish(id, done[0], result);
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
