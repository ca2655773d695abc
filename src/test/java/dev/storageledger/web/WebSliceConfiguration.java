package dev.storageledger.web;

import dev.storageledger.LedgerProperties;
import dev.storageledger.web.cloudreve.CloudreveErrors;
import dev.storageledger.web.error.ProblemResponses;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The web layer's beans that a slice does not scan (they are plain components) but that its controllers and advice
 * need: the public URL, the problem answers of ApiExceptionHandler, the envelopes of CloudreveExceptionHandler, and
 * the settings they read (application.properties, as in the service).
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
@Import({PublicUrl.class, ProblemResponses.class, CloudreveErrors.class})
public class WebSliceConfiguration {
}
