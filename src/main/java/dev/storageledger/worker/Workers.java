package dev.storageledger.worker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The service's background workers (the writer threads, the webhook sender, the packs' expiry scan, the database's
 * probe and change listener), and "workers" in /actuator/health: DOWN while one of them is dead (its thread ended and
 * none could take over), with each worker's restarts and last failure in the details.
 */
@Component("workers")
public final class Workers implements HealthIndicator {

    private final List<Worker> workers = new CopyOnWriteArrayList<>();

    /**
     * A worker, not started yet, that runs {@code round} in a thread named {@code name}, pausing {@code pause} after a
     * round that found no more work waiting.
     */
    public Worker worker(String name, Duration pause, Worker.Round round) {
        Worker worker = new Worker(name, pause, round);
        workers.add(worker);
        return worker;
    }

    public List<Worker> all() {
        return List.copyOf(workers);
    }

    @Override
    public Health health() {
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Worker worker : workers) {
            if (!worker.started()) {
                continue;
            }
            Map<String, Object> state = new LinkedHashMap<>();
            boolean dead = worker.dead();
            up &= !dead;
            state.put("alive", !dead);
            state.put("restarts", worker.restarts());
            worker.lastFailure().ifPresent(failed -> {
                state.put("lastFailure", failed.what());
                state.put("lastFailureAt", failed.at().toString());
            });
            details.put(worker.name(), state);
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }
}
