package dev.storageledger.bench.baseline;

import dev.storageledger.database.DatabaseReady;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.event.EventListener;

/**
 * Makes the baselines' tables with the bench's own Flyway migration (classpath:db/bench, on the test classpath),
 * after the service's migration has run, and records it in a schema history of its own (bench_schema_history).
 * The service's flyway_schema_history stays exactly the service's: a database the bench has used is one that the
 * service, and every test context sharing the tests' database, still validates and migrates unchanged; added to
 * spring.flyway.locations instead, the bench's migration would be "applied but not resolved locally" for them.
 */
final class BenchMigration {

    static final String LOCATION = "classpath:db/bench";
    static final String HISTORY = "bench_schema_history";

    private final DataSource dataSource;

    BenchMigration(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Once the service's own migration has made the asset table (the service migrates when its database answers). */
    @EventListener(DatabaseReady.class)
    void migrate() {
        // The schema already holds the service's tables: the bench's history starts with a baseline there.
        Flyway.configure().dataSource(dataSource).locations(LOCATION).table(HISTORY).baselineOnMigrate(true).load().migrate();
    }
}
