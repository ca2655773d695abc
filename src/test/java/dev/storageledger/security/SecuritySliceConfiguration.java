package dev.storageledger.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** What the web slices' controllers need of security beside the principal: the authentication throttle. Imported, never scanned. */
@Import(AuthenticationThrottle.class)
public class SecuritySliceConfiguration {

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
