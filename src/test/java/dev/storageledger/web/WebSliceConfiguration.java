package dev.storageledger.web;

import dev.storageledger.LedgerProperties;
import dev.storageledger.SettingsConfiguration;
import dev.storageledger.ledger.cache.ReadCache;
import dev.storageledger.security.SecuritySliceConfiguration;
import dev.storageledger.web.cloudreve.CloudreveErrors;
import dev.storageledger.web.error.ErrorSliceConfiguration;
import dev.storageledger.web.error.ProblemResponses;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The web layer's beans that a slice does not scan (they are plain components) but that its controllers and advice
 * need: the public URL, the problem answers of ApiExceptionHandler, the envelopes of CloudreveExceptionHandler, and
 * the settings they read (application.properties, as in the service).
 *
 * <p>Imported, never scanned: it is no {@code @TestConfiguration} (nor is any configuration of the slice tests), because
 * the service that the integration tests start as a process of its own runs on the test classpath, without the test
 * exclusions of component scanning, and would take a scanned configuration of the tests for its own.
 */
@EnableConfigurationProperties(LedgerProperties.class)
@Import({SettingsConfiguration.class, PublicUrl.class, ProblemResponses.class, ErrorSliceConfiguration.class, SecuritySliceConfiguration.class, CloudreveErrors.class})
public class WebSliceConfiguration {

    /** For ReadRequestFilter: a slice has no database to listen to, so a cache that keeps nothing. */
    @Bean
    ReadCache readCache() {
        return ReadCache.off();
    }
}
