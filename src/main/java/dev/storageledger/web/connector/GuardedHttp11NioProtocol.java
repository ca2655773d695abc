package dev.storageledger.web.connector;

import java.time.Duration;
import org.apache.coyote.http11.Http11NioProtocol;

/**
 * HTTP/1.1 over NIO, as Tomcat's default, on a {@link GuardedNioEndpoint}: a cap on the connections of each client
 * address, a deadline for each request's head, and room made for new clients when the server is full of slow heads.
 * Tomcat makes it from its class name (so it is public, with a constructor without arguments);
 * {@link ConnectorConfiguration} sets its guards from the settings.
 */
public class GuardedHttp11NioProtocol extends Http11NioProtocol {

    private final GuardedNioEndpoint endpoint;

    public GuardedHttp11NioProtocol() {
        this(new GuardedNioEndpoint());
    }

    private GuardedHttp11NioProtocol(GuardedNioEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    public void setMaxConnectionsPerClient(int maximum) {
        endpoint.setMaxConnectionsPerClient(maximum);
    }

    public int getMaxConnectionsPerClient() {
        return endpoint.getMaxConnectionsPerClient();
    }

    public void setHeaderTimeout(Duration timeout) {
        endpoint.setHeaderTimeout(timeout);
    }

    public Duration getHeaderTimeout() {
        return endpoint.getHeaderTimeout();
    }

    public long getRefusedConnections() {
        return endpoint.refusedConnections();
    }

    public long getExpiredHeads() {
        return endpoint.expiredHeads();
    }

    public long getEvictedHeads() {
        return endpoint.evictedHeads();
    }
}
