package dev.storageledger.web.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.storageledger.LedgerProperties;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Slowloris from outside: many connections from one client address, each sending a request's head a byte at a time
 * and never finishing it. The address gets no more than its cap of connections, the ones it holds are closed at the
 * head's deadline although bytes keep coming, and meanwhile every other client is answered at once.
 */
class SlowClientIntegrationTest extends IntegrationTest {

    /** Each test attacks from an address of its own (all of 127.0.0.0/8 is this machine), so no other test shares its count. */
    private static final String ATTACKER = "127.0.0.21";
    private static final String PATIENT_CLIENT = "127.0.0.22";
    /** Much quicker than Tomcat's idle timeout (connectionTimeout, 10 s): only the head's deadline can close these. */
    private static final Duration PACE = Duration.ofMillis(500);

    @Autowired
    private LedgerProperties properties;

    @Test
    void slow_heads_from_one_address_get_no_more_than_its_cap_and_are_closed_at_the_deadline_while_others_are_served()
            throws Exception {
        int cap = properties.connections().maxPerClient();
        Duration deadline = properties.connections().headerTimeout();
        int attempts = cap + 50;
        AtomicInteger connected = new AtomicInteger();
        assertThat(healthOnNewConnection("127.0.0.1")).as("before the attack").startsWith("HTTP/1.1 200");
        List<Future<SlowClient.Outcome>> slow = new ArrayList<>();
        try (ExecutorService attacker = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < attempts; i++) {
                slow.add(attacker.submit(() -> new SlowClient(ATTACKER, port, PACE, deadline.multipliedBy(3), connected).run()));
            }
            Poll.until(() -> connected.get() == attempts, Duration.ofSeconds(10));

            // While the attacker holds its connections, other clients are answered at once, each on a new connection.
            List<Duration> others = new ArrayList<>();
            for (int request = 0; request < 20; request++) {
                long sent = System.nanoTime();
                assertThat(healthOnNewConnection("127.0.0.1")).startsWith("HTTP/1.1 200");
                others.add(Duration.ofNanos(System.nanoTime() - sent));
            }
            assertThat(others).as("other clients' answers while %d slow connections are open", attempts)
                    .allSatisfy(latency -> assertThat(latency).isLessThan(Duration.ofSeconds(2)));

            List<SlowClient.Outcome> outcomes = new ArrayList<>();
            for (Future<SlowClient.Outcome> outcome : slow) {
                outcomes.add(outcome.get());
            }
            assertThat(outcomes).as("every slow connection is closed by the server").allMatch(SlowClient.Outcome::closedByServer);
            List<SlowClient.Outcome> refused = outcomes.stream().filter(outcome -> outcome.openFor().compareTo(deadline.dividedBy(2)) < 0)
                    .toList();
            List<SlowClient.Outcome> held = outcomes.stream().filter(outcome -> !refused.contains(outcome)).toList();
            assertThat(refused).as("connections over the cap of %d, closed as soon as accepted", cap).hasSize(attempts - cap);
            assertThat(held).as("connections within the cap, closed at the head's deadline of %s after their first byte", deadline)
                    .hasSize(cap)
                    .allSatisfy(outcome -> assertThat(outcome.sinceFirstByte()).isBetween(deadline, deadline.plusSeconds(5)))
                    .allSatisfy(outcome -> assertThat(outcome.bytesSent()).as("bytes that kept coming")
                            .isGreaterThan((int) (deadline.toMillis() / PACE.toMillis() / 2)));
        }
        // Its connections closed, the address is a client like any other again.
        assertThat(healthOnNewConnection(ATTACKER)).startsWith("HTTP/1.1 200");
    }

    @Test
    void a_head_that_comes_slowly_but_within_the_deadline_is_answered() throws Exception {
        Duration deadline = properties.connections().headerTimeout();
        byte[] head = "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        // The head in ten pieces spread over about a third of the deadline.
        Duration pause = deadline.dividedBy(30);
        try (Socket socket = connectFrom(PATIENT_CLIENT)) {
            socket.setSoTimeout((int) pause.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            int piece = head.length / 10 + 1;
            for (int from = 0; from < head.length; from += piece) {
                out.write(head, from, Math.min(piece, head.length - from));
                out.flush();
                if (from + piece >= head.length) {
                    break;
                }
                try {
                    fail("the server answered or closed before the head was complete: " + in.read());
                } catch (SocketTimeoutException paced) {
                    // the next piece is due
                }
            }
            socket.setSoTimeout(10_000);
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
        }
    }

    private String healthOnNewConnection(String localAddress) throws IOException {
        try (Socket socket = connectFrom(localAddress)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private Socket connectFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return socket;
    }
}
