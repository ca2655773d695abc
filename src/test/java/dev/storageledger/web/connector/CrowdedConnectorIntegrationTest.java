package dev.storageledger.web.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.Poll;
import java.io.ByteArrayOutputStream;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The connector when clients hold what it has: request bodies sent a byte at a time, and idle keep-alive connections
 * filling every connection. With caps small enough to reach from a test: 40 connections in all, 3 bodies arriving per
 * client address and 8 in all, 3 s for a body.
 */
class CrowdedConnectorIntegrationTest extends IntegrationTest {

    private static final int MAX_CONNECTIONS = 40;
    private static final int MAX_BODIES_PER_CLIENT = 3;
    private static final int MAX_BODIES = 8;
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(3);
    /** Much quicker than Tomcat's idle timeout (connectionTimeout, 10 s): only the body's deadline can end these. */
    private static final Duration PACE = Duration.ofMillis(300);
    /** Each login of an account of its own, so that no account is locked out by the failures. */
    private static final AtomicInteger LOGINS = new AtomicInteger();
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    @DynamicPropertySource
    static void crowdedConnector(DynamicPropertyRegistry registry) {
        registry.add("server.tomcat.max-connections", () -> MAX_CONNECTIONS);
        registry.add("ledger.connections.max-per-client", () -> 30);
        registry.add("ledger.connections.max-bodies-per-client", () -> MAX_BODIES_PER_CLIENT);
        registry.add("ledger.connections.max-bodies", () -> MAX_BODIES);
        registry.add("ledger.connections.body-timeout", () -> BODY_TIMEOUT.toString());
    }

    /** What became of one slow body: the server's first line (none if it said nothing), and when it closed. */
    private record Outcome(String statusLine, Duration openFor, int bytesSent) {

        /** Closed long before a deadline could have ended it. */
        boolean refused() {
            return openFor.compareTo(BODY_TIMEOUT.dividedBy(2)) < 0;
        }
    }

    @Test
    void slow_bodies_are_held_within_their_caps_and_ended_at_their_deadline_while_others_are_served() throws Exception {
        List<String> attackers = List.of("127.0.0.31", "127.0.0.32", "127.0.0.33");
        int perAddress = 5;
        AtomicInteger connected = new AtomicInteger();
        // The first login of a context takes seconds (the password hashing's first use), none after.
        assertThat(loginOnNewConnection("127.0.0.34")).as("before the attack").startsWith("HTTP/1.1 200");
        List<Future<Outcome>> slow = new ArrayList<>();
        try (ExecutorService attack = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String address : attackers) {
                for (int connection = 0; connection < perAddress; connection++) {
                    slow.add(attack.submit(() -> slowBody(address, connected)));
                }
            }
            Poll.until(() -> connected.get() == slow.size(), Duration.ofSeconds(10));

            // Beside them, an ordinary client's body (a login that fails) is read and answered at once, every time.
            for (int request = 0; request < 10; request++) {
                long sent = System.nanoTime();
                assertThat(loginOnNewConnection("127.0.0.34")).startsWith("HTTP/1.1 200");
                assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(2));
            }

            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> outcome : slow) {
                outcomes.add(outcome.get());
            }
            List<Outcome> refused = outcomes.stream().filter(Outcome::refused).toList();
            List<Outcome> held = outcomes.stream().filter(outcome -> !outcome.refused()).toList();
            assertThat(held).as("bodies waited for: %d per address, %d in all, of %s", MAX_BODIES_PER_CLIENT, MAX_BODIES, outcomes)
                    .hasSize(MAX_BODIES)
                    .allSatisfy(outcome -> assertThat(outcome.openFor()).as("ended at the body's deadline, bytes still coming")
                            .isBetween(BODY_TIMEOUT, BODY_TIMEOUT.plusSeconds(4)))
                    .allSatisfy(outcome -> assertThat(outcome.bytesSent()).isGreaterThan(5));
            // (or, connected in the second after their address was answered 429, closed before a byte was read)
            assertThat(refused).as("the others, answered at once and closed, their bodies unread")
                    .hasSize(slow.size() - MAX_BODIES)
                    .allSatisfy(outcome -> assertThat(outcome.statusLine()).matches("(HTTP/1.1 (429|503) ?)?"))
                    .anySatisfy(outcome -> assertThat(outcome.statusLine()).startsWith("HTTP/1.1 429"));
        }
        // Their bodies ended, the addresses are clients like any other again.
        assertThat(loginOnNewConnection(attackers.getFirst())).startsWith("HTTP/1.1 200");
    }

    @Test
    void idle_keep_alive_connections_filling_every_connection_make_room_for_a_new_client() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            // Every connection the server has, each kept alive after an answer, from two addresses within their caps.
            for (int connection = 0; connection < MAX_CONNECTIONS; connection++) {
                Socket socket = connectFrom(connection % 2 == 0 ? "127.0.0.41" : "127.0.0.42");
                idle.add(socket);
                assertThat(getKeptAlive(socket)).startsWith("HTTP/1.1 200");
            }
            for (int request = 0; request < 5; request++) {
                assertThat(healthOnNewConnection("127.0.0.43", Duration.ofSeconds(5))).as("a new client, request %d", request)
                        .startsWith("HTTP/1.1 200");
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void an_address_holding_many_idle_connections_gets_no_new_one_once_half_of_the_connections_are_open() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            // Past half of the connections, all from one address, each idle after an answer.
            for (int connection = 0; connection < MAX_CONNECTIONS / 2 + 2; connection++) {
                Socket socket = connectFrom("127.0.0.51");
                idle.add(socket);
                assertThat(getKeptAlive(socket)).startsWith("HTTP/1.1 200");
            }
            // Once they have been idle for longer than an ordinary client's pool keeps them, its next one is closed unread.
            Poll.until(() -> refused("127.0.0.51"),
                    Duration.ofMillis(SlowHolders.IDLE_SLOW_MILLIS).plusSeconds(10));
            for (int request = 0; request < 5; request++) {
                assertThat(healthOnNewConnection("127.0.0.52", Duration.ofSeconds(5))).as("another client, request %d", request)
                        .startsWith("HTTP/1.1 200");
            }
            assertThat(getKeptAlive(idle.getFirst())).as("what the address holds is still served").startsWith("HTTP/1.1 200");
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        // Its idle connections closed, the address is a client like any other again.
        Poll.until(() -> !refused("127.0.0.51"), Duration.ofSeconds(10));
        assertThat(healthOnNewConnection("127.0.0.51", Duration.ofSeconds(5))).startsWith("HTTP/1.1 200");
    }

    /**
     * A login's head at once, then its body of 100,000 bytes announced, a byte every PACE, until the server answers or
     * closes, or 5 deadlines pass.
     */
    private Outcome slowBody(String address, AtomicInteger connected) throws IOException {
        try (Socket socket = connectFrom(address)) {
            long start = System.nanoTime();
            connected.incrementAndGet();
            socket.setSoTimeout((int) PACE.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /api/v4/session/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int sent = 1;
            long giveUp = start + BODY_TIMEOUT.multipliedBy(5).toNanos();
            while (System.nanoTime() < giveUp) {
                try {
                    int read = in.read();
                    if (read == -1) {
                        break;
                    }
                    answer.write(read);
                    continue;
                } catch (SocketTimeoutException paced) {
                    // nothing from the server yet: the next byte is due
                } catch (IOException reset) {
                    break;
                }
                try {
                    out.write(' ');
                    out.flush();
                    sent++;
                } catch (IOException closed) {
                    break;
                }
            }
            String status = answer.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
            return new Outcome(status, Duration.ofNanos(System.nanoTime() - start), sent);
        }
    }

    private String loginOnNewConnection(String localAddress) throws IOException {
        byte[] body = ("{\"email\": \"nobody-" + LOGINS.incrementAndGet() + "@example.com\", \"password\": \"wrong\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = connectFrom(localAddress)) {
            socket.setSoTimeout(10_000);
            // The head and the body in one write, as a client sends a small body: it arrives whole, with the head.
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(("POST /api/v4/session/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.write(body);
            socket.getOutputStream().write(request.toByteArray());
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** Whether a new connection from {@code localAddress} is closed without an answer to its request. */
    private boolean refused(String localAddress) {
        try {
            return healthOnNewConnection(localAddress, Duration.ofSeconds(5)).isEmpty();
        } catch (IOException reset) {
            return true;
        }
    }

    private String healthOnNewConnection(String localAddress, Duration patience) throws IOException {
        try (Socket socket = connectFrom(localAddress)) {
            socket.setSoTimeout((int) patience.toMillis());
            socket.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** A GET of the default storage policy on a kept-alive connection: its answer's head, the body read past. */
    private static String getKeptAlive(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write("GET /storagePolicies/default HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int read = in.read();
            if (read == -1) {
                return head.toString(StandardCharsets.US_ASCII);
            }
            head.write(read);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        Matcher length = CONTENT_LENGTH.matcher(text);
        assertThat(length.find()).as("a Content-Length in %s", text).isTrue();
        in.readNBytes(Integer.parseInt(length.group(1)));
        return text;
    }

    private Socket connectFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return socket;
    }
}
