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
 * LEDGER_MAX_CONNECTIONS_PER_CLIENT, LEDGER_HEADER_TIMEOUT, LEDGER_BODY_TIMEOUT, LEDGER_MAX_BODIES and
 * LEDGER_MAX_BODIES_PER_CLIENT, and counted in the metrics ({@code ledger_connections_refused_total},
 * {@code ledger_request_heads_expired_total}, {@code ledger_request_heads_evicted_total},
 * {@code ledger_connections_idle_closed_total}, {@code ledger_request_bodies_expired_total},
 * {@code ledger_request_bodies_evicted_total}, {@code ledger_request_bodies_refused_total}). Tomcat's own timeouts, its maxConnections and its keep-alive requests
 * per connection are Spring Boot's server.tomcat settings (application.properties).
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
                    protocol.setBodyTimeout(settings.bodyTimeout());
                    protocol.setMaxBodies(settings.maxBodies(), settings.maxBodiesPerClient());
                    FunctionCounter.builder("ledger.connections.refused", protocol, GuardedHttp11NioProtocol::getRefusedConnections)
                            .description("Connections closed as soon as accepted: their client address had its cap open already")
                            .register(metrics);
                    FunctionCounter.builder("ledger.request.heads.expired", protocol, GuardedHttp11NioProtocol::getExpiredHeads)
                            .description("Connections closed because a request's line and headers took longer than the deadline")
                            .register(metrics);
                    FunctionCounter.builder("ledger.request.heads.evicted", protocol, GuardedHttp11NioProtocol::getEvictedHeads)
                            .description("Connections closed, the server being nearly full, because their unfinished head was the oldest")
                            .register(metrics);
                    FunctionCounter.builder("ledger.connections.idle.closed", protocol, GuardedHttp11NioProtocol::getClosedIdleConnections)
                            .description("Connections closed, the server being full, because they had been idle longest between two requests")
                            .register(metrics);
                    FunctionCounter.builder("ledger.request.bodies.expired", protocol, GuardedHttp11NioProtocol::getExpiredBodies)
                            .description("Requests ended because their body had not arrived within the deadline")
                            .register(metrics);
                    FunctionCounter.builder("ledger.request.bodies.evicted", protocol, GuardedHttp11NioProtocol::getEvictedBodies)
                            .description("Requests ended, too many bodies arriving, to make room for a newer one: theirs was the oldest")
                            .register(metrics);
                    FunctionCounter.builder("ledger.request.bodies.refused", protocol, GuardedHttp11NioProtocol::getRefusedBodies)
                            .description("Requests answered 429 or 503 unread: too many bodies were arriving from their address or in all")
                            .register(metrics);
                }
            });
        };
    }
}
