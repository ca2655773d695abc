package dev.storageledger.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Long work done in the background, as any instance reads it from the database.
 *
 * @param customer null for work over every customer
 * @param space    null unless the work is about one space
 * @param total    how many records the work expects to go through (an estimate), or null before it starts
 * @param result   the outcome as JSON, once it has finished
 */
public record Job(String id, String kind, Integer customer, Integer space, State state, long done, Long total, Instant startedAt,
        Instant finishedAt, String result, String error) {

    public Job {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(state, "state is null");
    }

    public enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
