package dev.storageledger.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy between the service and its PostgreSQL that breaks one connection at the moment a test chooses, as a
 * network or a dying server does, from outside the service: armed with a text, it breaks the first connection that
 * carries it, either before a client's message that contains it reaches the server ("BEGIN": the transaction never
 * starts), or before a server's answer that contains it reaches the client ("COMMIT", the command tag PostgreSQL
 * answers a commit with: the transaction is committed and the client never hears so). Every other byte passes
 * unchanged.
 */
public final class CuttingProxy implements AutoCloseable {

    /** Where the connection breaks, relative to the message armed for. */
    public enum Cut {
        /** The first client's message that contains the text never reaches the server: the connection is closed instead. */
        BEFORE_THE_SERVER_SEES_IT,
        /** The first server's answer that contains the text never reaches the client: the connection is closed instead. */
        BEFORE_THE_CLIENT_HEARS_IT
    }

    private record Armed(byte[] text, Cut cut) {
    }

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final AtomicReference<Armed> armed = new AtomicReference<>();
    private volatile CountDownLatch done = new CountDownLatch(1);
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

    private CuttingProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon(true).name("cutting-proxy").start(this::accept);
    }

    /** A proxy on a free port of this host to {@code host:port}. */
    public static CuttingProxy to(String host, int port) throws IOException {
        return new CuttingProxy(host, port);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The next connection that carries {@code text} is broken there, as {@code cut} says. */
    public void arm(String text, Cut cut) {
        done = new CountDownLatch(1);
        armed.set(new Armed(text.getBytes(StandardCharsets.US_ASCII), cut));
    }

    /** Whether the armed cut has happened (waiting for it at most {@code patience}). */
    public boolean hasCut(Duration patience) throws InterruptedException {
        return done.await(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server;
                try {
                    server = new Socket(targetHost, targetPort);
                } catch (IOException refused) {
                    client.close();
                    continue;
                }
                sockets.add(client);
                sockets.add(server);
                Connection connection = new Connection(client, server);
                Thread.ofPlatform().daemon(true).name("cutting-proxy-up").start(connection::clientToServer);
                Thread.ofPlatform().daemon(true).name("cutting-proxy-down").start(connection::serverToClient);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private final class Connection {

        private final Socket client;
        private final Socket server;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void clientToServer() {
            byte[] buffer = new byte[65536];
            try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    if (cutsHere(Cut.BEFORE_THE_SERVER_SEES_IT, buffer, read)) {
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went away: so does the other
            } finally {
                close();
            }
        }

        void serverToClient() {
            byte[] buffer = new byte[65536];
            try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    if (cutsHere(Cut.BEFORE_THE_CLIENT_HEARS_IT, buffer, read)) {
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                // either side went away: so does the other
            } finally {
                close();
            }
        }

        /** Whether the armed cut is here: then the connection is closed, and the bytes go nowhere. */
        private boolean cutsHere(Cut direction, byte[] buffer, int length) {
            Armed cut = armed.get();
            if (cut != null && cut.cut() == direction && contains(buffer, length, cut.text()) && armed.compareAndSet(cut, null)) {
                close();
                done.countDown();
                return true;
            }
            return false;
        }

        private void close() {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static boolean contains(byte[] buffer, int length, byte[] text) {
        outer:
        for (int start = 0; start + text.length <= length; start++) {
            for (int index = 0; index < text.length; index++) {
                if (buffer[start + index] != text[index]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyClosed) {
            // nothing left to close
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (sockets) {
            sockets.forEach(CuttingProxy::closeQuietly);
        }
    }
}
