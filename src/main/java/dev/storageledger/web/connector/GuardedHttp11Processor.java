package dev.storageledger.web.connector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.coyote.Adapter;
import org.apache.coyote.ErrorState;
import org.apache.coyote.Request;
import org.apache.coyote.Response;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http11.Http11Processor;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's HTTP/1.1 processor, telling its {@link GuardedNioEndpoint} which connections have a request in progress
 * (so that only idle ones are closed to make room), and admitting a request whose body has yet to arrive only within
 * the caps of {@link RequestBodies}. A request refused there is answered at once (429 when its client address has its
 * cap of bodies arriving, 503 when the server has) and its connection closed, its body unread: waiting for it would
 * hold a thread and its buffers for as long as the client likes.
 */
final class GuardedHttp11Processor extends Http11Processor implements RequestBodies.Body {

    private final GuardedNioEndpoint endpoint;
    private final Adapter admission;

    GuardedHttp11Processor(AbstractHttp11Protocol<?> protocol, Adapter adapter, GuardedNioEndpoint endpoint) {
        super(protocol, adapter);
        this.endpoint = endpoint;
        this.admission = new Admission(adapter);
    }

    @Override
    public Adapter getAdapter() {
        return admission;
    }

    @Override
    public SocketState service(SocketWrapperBase<?> connection) throws IOException {
        endpoint.serving(connection);
        try {
            return super.service(connection);
        } finally {
            endpoint.served(connection);
        }
    }

    @Override
    public boolean arriving() {
        return !isRequestBodyFullyRead();
    }

    /** Ends the request whose body did not arrive in time (see {@link GuardedNioEndpoint#endBody}). */
    @Override
    public void end() {
        SocketWrapperBase<?> connection = getSocketWrapper();
        if (connection != null) {
            endpoint.endBody(connection);
        }
    }

    /** Whether the whole of the body is in the connection's buffer already (its client sent it with the head). */
    private boolean bodyArrived(Request request) {
        long length = request.getContentLengthLong();
        return length >= 0 && available(true) >= length;
    }

    private void refuse(Response response, int status, String why) throws IOException {
        // An error state closes the connection after the answer, and keeps Tomcat from reading the body to its end.
        setErrorState(ErrorState.CLOSE_CLEAN, null);
        byte[] body = (why + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Retry-After", "1");
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.doWrite(ByteBuffer.wrap(body));
    }

    /** The servlet container's adapter, behind the admission of request bodies. */
    private final class Admission implements Adapter {

        private final Adapter next;

        Admission(Adapter next) {
            this.next = next;
        }

        @Override
        public void service(Request request, Response response) throws Exception {
            if (!arriving() || bodyArrived(request)) {
                next.service(request, response);
                return;
            }
            switch (endpoint.bodies().admit(GuardedHttp11Processor.this, getSocketWrapper().getRemoteAddr(), System.nanoTime())) {
                case ADMITTED -> {
                    try {
                        next.service(request, response);
                    } finally {
                        endpoint.bodies().release(GuardedHttp11Processor.this);
                    }
                }
                case CLIENT_FULL -> {
                    endpoint.turnAway(getSocketWrapper().getRemoteAddr());
                    refuse(response, 429, "Too many request bodies are arriving from this address; send the body with its head");
                }
                case SERVER_FULL -> refuse(response, 503, "Too many request bodies are arriving; try again in a moment");
            }
        }

        @Override
        public boolean prepare(Request request, Response response) throws Exception {
            return next.prepare(request, response);
        }

        @Override
        public boolean asyncDispatch(Request request, Response response, SocketEvent status) throws Exception {
            return next.asyncDispatch(request, response, status);
        }

        @Override
        public void log(Request request, Response response, long time) {
            next.log(request, response, time);
        }

        @Override
        public void checkRecycled(Request request, Response response) {
            next.checkRecycled(request, response);
        }

        @Override
        public String getDomain() {
            return next.getDomain();
        }
    }
}
