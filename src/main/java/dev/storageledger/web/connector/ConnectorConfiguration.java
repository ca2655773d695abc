package dev.storageledger.web.connector;

import dev.storageledger.LedgerProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP connector: Tomcat's NIO connector with the guards of {@link GuardedHttp11NioProtocol}, set from
 * LEDGER_MAX_CONNECTIONS_PER_CLIENT and LEDGER_HEADER_TIMEOUT, and counted in the metrics
 * ({@code ledger_connections_refused_total}, {@code ledger_request_heads_expired_total},
 * {@code ledger_request_heads_evicted_total}). Tomcat's own timeouts and
 * its maxConnections are Spring Boot's server.tomcat settings (application.properties).
 */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> guardedConnector(LedgerProperties properties, MeterRegistry metrics) {
        LedgerProperties.Connections settings = properties.connections();
        return factory -> {
            factory.setProtocol(GuardedHttp11NioProtocol.class.getName());
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof GuardedHttp11NioProtocol protocol) {
                    protocol.setMaxConnectionsPerClient(settings.maxPerClient());
                    protocol.setHeaderTimeout(settings.headerTimeout());
                    FunctionCounter.builder("ledger.connections.refused", protocol, GuardedHttp11NioProtocol::getRefusedConnections)
                            .description("Connections closed as soon as accepted: their client address had its cap open already")
                            .register(metrics);
                    FunctionCounter.builder("ledger.request.heads.expired", protocol, GuardedHttp11NioProtocol::getExpiredHeads)
                            .description("Connections closed because a request's line and headers took longer than the deadline")
                            .register(metrics);
                    FunctionCounter.builder("ledger.request.heads.evicted", protocol, GuardedHttp11NioProtocol::getEvictedHeads)
                            .description("Connections closed, the server being nearly full, because their unfinished head was the oldest")
                            .register(metrics);
                }
            });
        };
    }
}
