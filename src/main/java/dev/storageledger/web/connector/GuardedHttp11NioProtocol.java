package dev.storageledger.web.connector;

import java.time.Duration;
import org.apache.coyote.Processor;
import org.apache.coyote.http11.Http11NioProtocol;

/**
 * HTTP/1.1 over NIO, as Tomcat's default, on a {@link GuardedNioEndpoint}: a cap on the connections of each client
 * address, a deadline for each request's head, caps and a deadline for request bodies still arriving (through its
 * {@link GuardedHttp11Processor}s), and room made for new clients when the server is full.
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

    @Override
    protected Processor createProcessor() {
        return new GuardedHttp11Processor(this, getAdapter(), endpoint);
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

    public void setBodyTimeout(Duration timeout) {
        endpoint.bodies().setTimeout(timeout);
    }

    public Duration getBodyTimeout() {
        return endpoint.bodies().getTimeout();
    }

    /** At most {@code maximum} request bodies arriving at once, {@code perClient} of them from one client address. */
    public void setMaxBodies(int maximum, int perClient) {
        endpoint.bodies().setMaximum(maximum, perClient);
    }

    public int getMaxBodies() {
        return endpoint.bodies().getMaximum();
    }

    public int getMaxBodiesPerClient() {
        return endpoint.bodies().getMaximumPerClient();
    }

    public long getRefusedConnections() {
        return endpoint.refusedConnections();
    }

    public long getRefusedSlowHolders() {
        return endpoint.refusedHolders();
    }

    public long getExpiredHeads() {
        return endpoint.expiredHeads();
    }

    public long getEvictedHeads() {
        return endpoint.evictedHeads();
    }

    public long getClosedIdleConnections() {
        return endpoint.closedIdleConnections();
    }

    public long getExpiredBodies() {
        return endpoint.bodies().expired();
    }

    public long getEvictedBodies() {
        return endpoint.bodies().evicted();
    }

    public long getRefusedBodies() {
        return endpoint.bodies().refused();
    }
}
