package dev.storageledger.bench.baseline;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;

/**
 * Makes the baselines' tables with the bench's own Flyway migration (classpath:db/bench, on the test classpath),
 * after the service's migration has run, and records it in a schema history of its own (bench_schema_history).
 * The service's flyway_schema_history stays exactly the service's: a database the bench has used is one that the
 * service, and every test context sharing the tests' database, still validates and migrates unchanged; added to
 * spring.flyway.locations instead, the bench's migration would be "applied but not resolved locally" for them.
 */
final class BenchMigration implements InitializingBean {

    static final String LOCATION = "classpath:db/bench";
    static final String HISTORY = "bench_schema_history";

    private final DataSource dataSource;

    /** {@code serviceMigration}: the service's own migration, which must have made the asset table first. */
    BenchMigration(DataSource dataSource, FlywayMigrationInitializer serviceMigration) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        // The schema already holds the service's tables: the bench's history starts with a baseline there.
        Flyway.configure().dataSource(dataSource).locations(LOCATION).table(HISTORY).baselineOnMigrate(true).load().migrate();
    }
}
