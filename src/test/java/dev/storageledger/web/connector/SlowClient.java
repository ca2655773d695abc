package dev.storageledger.web.connector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that opens a connection from a given local address and sends a request's head one byte at a time, a byte
 * every {@code pace}, never finishing it (slowloris), until the server closes the connection or {@code patience}
 * runs out; {@code connections} counts the connections made. The pace comes from waiting for the server's answer between bytes, so nothing sleeps.
 */
record SlowClient(String localAddress, int port, Duration pace, Duration patience, AtomicInteger connections) {

    private static final byte[] HEAD = ("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
            + "a".repeat(4000)).getBytes(StandardCharsets.US_ASCII);

    /** What happened to one slow connection, in nanoseconds of System.nanoTime(). */
    record Outcome(long connected, long firstByte, long closed, int bytesSent) {

        boolean closedByServer() {
            return closed != -1;
        }

        Duration openFor() {
            return Duration.ofNanos(closed - connected);
        }

        Duration sinceFirstByte() {
            return Duration.ofNanos(closed - firstByte);
        }
    }

    Outcome run() throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            long connected = System.nanoTime();
            connections.incrementAndGet();
            socket.setSoTimeout((int) pace.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long firstByte = -1;
            long giveUp = connected + patience.toNanos();
            for (int sent = 0; sent < HEAD.length && System.nanoTime() < giveUp; sent++) {
                try {
                    out.write(HEAD[sent]);
                    out.flush();
                } catch (IOException closed) {
                    return new Outcome(connected, firstByte == -1 ? connected : firstByte, System.nanoTime(), sent);
                }
                if (firstByte == -1) {
                    firstByte = System.nanoTime();
                }
                try {
                    // Whatever the server sends before closing (an error answer, if any) is read past: only the close counts.
                    while (in.read() != -1) {
                        // reading on to the close
                    }
                    return new Outcome(connected, firstByte, System.nanoTime(), sent + 1);
                } catch (SocketTimeoutException stillOpen) {
                    // the pace: the next byte is due
                } catch (IOException reset) {
                    return new Outcome(connected, firstByte, System.nanoTime(), sent + 1);
                }
            }
            return new Outcome(connected, firstByte, -1, -1);
        }
    }
}
