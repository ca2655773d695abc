package dev.storageledger.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.storageledger.LedgerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One PostgreSQL: the external server named by LEDGER_DB_URL, or else the embedded one. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(LedgerProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ledger");
        LedgerProperties.Database db = properties.db();
        if (db.external()) {
            config.setJdbcUrl(db.url());
            config.setUsername(db.user());
            config.setPassword(db.password());
            return new HikariDataSource(config);
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(properties.dataDir());
        config.setJdbcUrl(embedded.jdbcUrl());
        config.setUsername(embedded.user());
        config.setPassword(embedded.password());
        return new EmbeddedDataSource(config, embedded);
    }

    /** Closes the embedded server after the pool, so that no connection outlives it. */
    private static final class EmbeddedDataSource extends HikariDataSource {
        private final EmbeddedDatabase embedded;

        EmbeddedDataSource(HikariConfig config, EmbeddedDatabase embedded) {
            super(config);
            this.embedded = embedded;
        }

        @Override
        public void close() {
            super.close();
            embedded.close();
        }
    }
}
