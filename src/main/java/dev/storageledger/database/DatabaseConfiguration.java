package dev.storageledger.database;

import com.zaxxer.hikari.HikariConfig;
import dev.storageledger.DataFolder;
import dev.storageledger.LedgerProperties;
import dev.storageledger.worker.Workers;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One PostgreSQL: the external server named by LEDGER_DB_URL, or else the embedded one. The pool's settings are
 * spring.datasource.hikari.* (application.properties sets them to fail fast while the database is down); the service
 * starts whether the database answers or not, and migrates it when it does ({@link DatabaseStartup}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /** The pool's settings, from spring.datasource.hikari.*; its URL and user are set from the ledger's settings. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariConfig poolSettings() {
        return new HikariConfig();
    }

    @Bean
    DatabaseStatus databaseStatus() {
        return new DatabaseStatus();
    }

    @Bean(destroyMethod = "close")
    LedgerDataSource dataSource(LedgerProperties.Database db, DataFolder dataFolder, HikariConfig poolSettings,
            DatabaseStatus status) {
        HikariConfig config = new HikariConfig();
        poolSettings.copyStateTo(config);
        config.setPoolName("ledger");
        if (db.external()) {
            config.setJdbcUrl(db.url());
            config.setUsername(db.user());
            config.setPassword(db.password());
            return new LedgerDataSource(config, status, null);
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(dataFolder.path(), db.embeddedAllowRoot());
        config.setJdbcUrl(embedded.jdbcUrl());
        config.setUsername(embedded.user());
        config.setPassword(embedded.password());
        return new LedgerDataSource(config, status, embedded);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    DatabaseProbe databaseProbe(LedgerDataSource dataSource, OwnConnections connections, DatabaseStatus status, Workers workers) {
        return new DatabaseProbe(connections.url(), connections.properties(), status,
                () -> dataSource.getHikariPoolMXBean().softEvictConnections(), workers);
    }

    /** For what needs a connection of its own outside the pool: the probe here, the read cache's listener. */
    @Bean
    OwnConnections ownConnections(LedgerDataSource dataSource) {
        return new OwnConnections(dataSource.getJdbcUrl(), connectionProperties(dataSource));
    }

    /** The pool's driver properties with its user and password: for a connection of its own outside the pool. */
    private static Properties connectionProperties(LedgerDataSource dataSource) {
        Properties properties = new Properties();
        properties.putAll(dataSource.getDataSourceProperties());
        if (dataSource.getUsername() != null) {
            properties.setProperty("user", dataSource.getUsername());
        }
        if (dataSource.getPassword() != null) {
            properties.setProperty("password", dataSource.getPassword());
        }
        return properties;
    }

    /** Flyway is configured by Spring Boot but run by {@link DatabaseStartup}, when the database answers. */
    @Bean
    FlywayMigrationStrategy migrationAtDatabaseStartup() {
        return flyway -> {
        };
    }

    @Bean
    DatabaseStartup databaseStartup(Flyway flyway, LedgerDataSource dataSource, DatabaseStatus status, ApplicationEventPublisher events) {
        return new DatabaseStartup(flyway, dataSource, status, events);
    }

    /** "database" in /actuator/health and its readiness group. */
    @Bean
    HealthIndicator databaseHealthIndicator(DatabaseStatus status) {
        return DatabaseHealth.reachability(status);
    }

    /** "databaseWrites" in /actuator/health. */
    @Bean
    HealthIndicator databaseWritesHealthIndicator(DatabaseStatus status) {
        return DatabaseHealth.writes(status);
    }
}
