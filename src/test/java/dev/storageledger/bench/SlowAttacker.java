package dev.storageledger.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slow clients, as the outside runs did them: {@code connections} connections to 127.0.0.1, spread over the given local
 * addresses, each doing what its {@link Mode} says. A connection that the server closes is opened again at once (after
 * a second, when the server closed it within a second: a refusal), so the attack keeps its connections up for as long
 * as it runs.
 */
final class SlowAttacker implements SlowAttack {

    private static final byte[] HEAD = ("GET /customers/1/storage HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
            + "a".repeat(8000)).getBytes(StandardCharsets.US_ASCII);
    /** A login's head, whole, announcing a body of 100,000 bytes. */
    private static final byte[] BODY_HEAD = ("POST /api/v4/session/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEPT_ALIVE_GET = "GET /storagePolicies/default HTTP/1.1\r\nHost: localhost\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    /** What each connection does. */
    enum Mode {
        /** A request's head a byte every pace, never finished (slowloris). */
        HEAD,
        /** A login's head at once, then its body of 100,000 bytes a byte every pace (4 to 6 s for a pace of 5 s). */
        BODY,
        /** A GET of the default storage policy every pace, on a connection kept alive in between. */
        IDLE
    }
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
    /** A connection closed sooner than this after it was opened was refused, not timed out. */
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(1);

    private final int port;
    private final List<String> addresses;
    private final Duration pace;
    private final Mode mode;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong closedLater = new AtomicLong();
    private final AtomicLong closedLaterNanos = new AtomicLong();
    private final AtomicLong failedToConnect = new AtomicLong();

    SlowAttacker(int port, int connections, List<String> addresses, Duration pace, Mode mode) {
        this.port = port;
        this.addresses = List.copyOf(addresses);
        this.pace = pace;
        this.mode = mode;
        for (int connection = 0; connection < connections; connection++) {
            String address = this.addresses.get(connection % this.addresses.size());
            this.connections.submit(() -> attack(address));
        }
    }

    @Override
    public Tally tally() {
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
                    switch (mode) {
                        case HEAD -> trickle(socket, HEAD, 0, ignored -> pace);
                        case BODY -> trickle(socket, BODY_HEAD, BODY_HEAD.length, random -> pace.multipliedBy(8 + random.nextInt(5)).dividedBy(10));
                        case IDLE -> keepAlive(socket);
                    }
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

    /**
     * Sends {@code bytes}, the first {@code atOnce} of them at once, the rest a byte every {@code wait} (a pace of its
     * own for each byte), then nothing more, until the server closes the connection or the attack ends.
     */
    private void trickle(Socket socket, byte[] bytes, int atOnce, Function<SplittableRandom, Duration> wait) throws IOException {
        SplittableRandom random = new SplittableRandom(socket.getLocalPort());
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        int sent = 0;
        while (running) {
            socket.setSoTimeout((int) wait.apply(random).toMillis());
            try {
                if (sent < bytes.length) {
                    int count = sent == 0 && atOnce > 0 ? atOnce : 1;
                    out.write(bytes, sent, count);
                    out.flush();
                    sent += count;
                } else if (mode == Mode.BODY) {
                    out.write(' ');
                    out.flush();
                }
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

    /** A GET every pace on the one connection, its answer read whole in between, until the server closes it. */
    private void keepAlive(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        while (running) {
            socket.setSoTimeout(30_000);
            try {
                out.write(KEPT_ALIVE_GET);
                out.flush();
                if (!readAnswer(in)) {
                    return;
                }
                socket.setSoTimeout((int) pace.toMillis());
                if (in.read() == -1) {
                    return;
                }
                return; // the server sent something unasked: not the kept-alive connection this is about
            } catch (SocketTimeoutException paced) {
                // idle for a pace, as the attack wants: the next GET is due
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads one answer with a Content-Length; false when the connection ended first. */
    private static boolean readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int read = in.read();
            if (read == -1) {
                return false;
            }
            head.append((char) read);
        }
        Matcher length = CONTENT_LENGTH.matcher(head);
        long body = length.find() ? Long.parseLong(length.group(1)) : 0;
        in.skipNBytes(body);
        return true;
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

    /**
     * The attack as a process of its own ({@link AttackerProcess}): arguments port, connections, addresses
     * (comma-separated), pace in seconds, mode. It prints its tally on a line every quarter of a second and ends when its
     * standard input does.
     */
    public static void main(String[] arguments) throws Exception {
        try (SlowAttacker attacker = new SlowAttacker(Integer.parseInt(arguments[0]), Integer.parseInt(arguments[1]),
                List.of(arguments[2].split(",")), Duration.ofSeconds(Long.parseLong(arguments[3])), Mode.valueOf(arguments[4]))) {
            Thread reporter = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    System.out.println(AttackerProcess.line(attacker.tally()));
                    pause(Duration.ofMillis(250));
                }
            });
            System.in.transferTo(OutputStream.nullOutputStream());
            reporter.interrupt();
        }
    }
}
