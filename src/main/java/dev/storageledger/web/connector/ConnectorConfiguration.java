package dev.storageledger.web.connector;

import dev.storageledger.LedgerProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP connector: Tomcat's NIO connector with the guards of {@link GuardedHttp11NioProtocol}, set from
 * LEDGER_MAX_CONNECTIONS_PER_CLIENT, LEDGER_HEADER_TIMEOUT, LEDGER_BODY_TIMEOUT, LEDGER_MAX_BODIES and
 * LEDGER_MAX_BODIES_PER_CLIENT, and counted in the metrics ({@code ledger_connections_refused_total}, {@code ledger_connections_slow_refused_total},
 * {@code ledger_request_heads_expired_total}, {@code ledger_request_heads_evicted_total},
 * {@code ledger_connections_idle_closed_total}, {@code ledger_request_bodies_expired_total},
 * {@code ledger_request_bodies_evicted_total}, {@code ledger_request_bodies_refused_total}). Tomcat's own timeouts, its maxConnections and its keep-alive requests
 * per connection are Spring Boot's server.tomcat settings (application.properties).
 */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> guardedConnector(LedgerProperties.Connections settings, MeterRegistry metrics) {
        return factory -> {
            factory.setProtocol(GuardedHttp11NioProtocol.class.getName());
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof GuardedHttp11NioProtocol protocol) {
                    protocol.setMaxConnectionsPerClient(settings.maxPerClient());
                    protocol.setHeaderTimeout(settings.headerTimeout());
                    protocol.setBodyTimeout(settings.bodyTimeout());
                    protocol.setMaxBodies(settings.maxBodies(), settings.maxBodiesPerClient());
                    count(metrics, protocol, "ledger.connections.refused", GuardedHttp11NioProtocol::getRefusedConnections,
                            "Connections closed as soon as accepted: their client address had its cap open already");
                    count(metrics, protocol, "ledger.connections.slow.refused", GuardedHttp11NioProtocol::getRefusedSlowHolders,
                            "Connections closed as soon as accepted: their address was answered 429 in the last second, or holds many slow connections with half of all open");
                    count(metrics, protocol, "ledger.request.heads.expired", GuardedHttp11NioProtocol::getExpiredHeads,
                            "Connections closed because a request's line and headers took longer than the deadline");
                    count(metrics, protocol, "ledger.request.heads.evicted", GuardedHttp11NioProtocol::getEvictedHeads,
                            "Connections closed, the server being nearly full, because their unfinished head was the oldest");
                    count(metrics, protocol, "ledger.connections.idle.closed", GuardedHttp11NioProtocol::getClosedIdleConnections,
                            "Connections closed, the server being full, because they had been idle longest between two requests");
                    count(metrics, protocol, "ledger.request.bodies.expired", GuardedHttp11NioProtocol::getExpiredBodies,
                            "Requests ended because their body had not arrived within the deadline");
                    count(metrics, protocol, "ledger.request.bodies.evicted", GuardedHttp11NioProtocol::getEvictedBodies,
                            "Requests ended, too many bodies arriving, to make room for a newer one: theirs was the oldest");
                    count(metrics, protocol, "ledger.request.bodies.refused", GuardedHttp11NioProtocol::getRefusedBodies,
                            "Requests answered 429 or 503 unread: too many bodies were arriving from their address or in all");
                }
            });
        };
    }

    private static void count(MeterRegistry metrics, GuardedHttp11NioProtocol protocol, String name,
            ToDoubleFunction<GuardedHttp11NioProtocol> count, String description) {
        FunctionCounter.builder(name, protocol, count).description(description).register(metrics);
    }
}
