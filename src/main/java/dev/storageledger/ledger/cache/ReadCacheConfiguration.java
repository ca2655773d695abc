package dev.storageledger.ledger.cache;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.OwnConnections;
import dev.storageledger.worker.Workers;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reads kept in memory, and the change notices that tell when one no longer holds. */
@Configuration(proxyBeanMethods = false)
class ReadCacheConfiguration {

    /** Listens only while reads may be kept in memory. */
    @Bean(destroyMethod = "close")
    ChangeNotices changeNotices(OwnConnections connections, LedgerProperties.ReadCache settings, Workers workers) {
        ChangeNotices notices = new ChangeNotices(connections.url(), connections.properties(), workers);
        if (settings.on()) {
            notices.start();
        }
        return notices;
    }

    @Bean
    ReadCache readCache(ChangeNotices notices, LedgerProperties.ReadCache settings, MeterRegistry meters) {
        return new ReadCache(notices, settings.entries(), meters);
    }
}
