package dev.storageledger.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Long work done in the background, as any instance reads it from the database.
 *
 * @param customer null for work over every customer
 * @param space    null unless the work is about one space
 * @param total    how many records the work expects to go through (an estimate), or null before it starts
 * @param result   the outcome, of its kind's type, once it has succeeded; else null
 */
public record Job(String id, Kind kind, Integer customer, Integer space, State state, long done, Long total, Instant startedAt,
        Instant finishedAt, JobResult result, String error) {

    public Job {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(state, "state is null");
        if (result != null && !kind.resultType().isInstance(result)) {
            throw new IllegalArgumentException("a job of kind " + kind + " cannot have a " + result.getClass().getSimpleName());
        }
    }

    /** The result as the type the job's kind produces, once it has succeeded. */
    public <R extends JobResult> Optional<R> result(Class<R> type) {
        if (type != kind.resultType()) {
            throw new IllegalArgumentException("a job of kind " + kind + " has no " + type.getSimpleName());
        }
        return Optional.ofNullable(result).map(type::cast);
    }

    /** What the work is, and the type of what it answers. */
    public enum Kind {
        RECALCULATION(RecalculationResult.class),
        RECONCILIATION(ReconciliationResult.class),
        CHECK(CheckResult.class);

        private final Class<? extends JobResult> resultType;

        Kind(Class<? extends JobResult> resultType) {
            this.resultType = resultType;
        }

        Class<? extends JobResult> resultType() {
            return resultType;
        }

        /** As the job's row names it: "recalculation", "reconciliation" or "check". */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
