package dev.storageledger.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver on 127.0.0.1 for tests: it keeps every request it is sent (headers and body) and answers 204,
 * or, on a path told to fail, 500 that many times first.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request received. */
    public record Received(String path, String id, String timestamp, String signature, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String type() {
            return json().get("type").stringValue();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                received.add(new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"), body));
                Thread.sleep(delay); // a receiver this slow, on purpose (see delay): nothing to wait for
                AtomicInteger left = failures.get(path);
                int status = left != null && left.getAndDecrement() > 0 ? 500 : 204;
                exchange.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The URL of {@code path} on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every request is answered after {@code delay}. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** Requests to {@code path} are answered 500 the next {@code times} times. */
    public void failFirst(String path, int times) {
        failures.put(path, new AtomicInteger(times));
    }

    /** Every request received on {@code path}, in the order received. */
    public List<Received> on(String path) {
        return new ArrayList<>(received.stream().filter(request -> request.path().equals(path)).toList());
    }

    /** Waits until {@code path} has received at least {@code count} requests, and answers them. */
    public List<Received> await(String path, int count, Duration patience) throws Exception {
        return Poll.until(() -> on(path), requests -> requests.size() >= count, patience);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
