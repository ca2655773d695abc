package dev.storageledger.database;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The database's part of /actuator/health, read from {@link DatabaseStatus} without waiting for anything, so that
 * health answers at once whatever the database does. The details are shown to the administrator only.
 */
final class DatabaseHealth {

    private DatabaseHealth() {
    }

    /**
     * "database": UP once the start-up work is done and while the probe finds the database answering. It is part of
     * the readiness group: a service whose database does not answer is not ready.
     */
    static HealthIndicator reachability(DatabaseStatus status) {
        return () -> {
            if (status.unreachable().isPresent()) {
                DatabaseStatus.Observed down = status.unreachable().get();
                return Health.down().withDetail("error", down.failure().description()).withDetail("cause", down.failure().cause())
                        .withDetail("since", down.since().toString()).build();
            }
            if (!status.started()) {
                return Health.down().withDetail("error", DatabaseFailure.Kind.STARTING.description()).build();
            }
            return Health.up().build();
        };
    }

    /**
     * "databaseWrites": DOWN from a write that failed for lack of room on the database's disk (or of another resource)
     * until a write commits again. Not part of readiness: reads still work, and a write that succeeds needs the
     * instance to be in service.
     */
    static HealthIndicator writes(DatabaseStatus status) {
        return () -> status.writesFailing()
                .map(failing -> Health.down().withDetail("error", failing.failure().description())
                        .withDetail("cause", failing.failure().cause()).withDetail("since", failing.since().toString()).build())
                .orElseGet(() -> Health.up().build());
    }
}
