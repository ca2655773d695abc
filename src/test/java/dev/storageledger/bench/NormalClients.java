package dev.storageledger.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The soak's ordinary clients: a closed loop per client, each sending its next request as soon as the last is
 * answered. Unlike the benchmarks' LoadDriver it goes on past a failed request (a connection refused or closed, a
 * timeout, an answer other than 200 or 201, an answer that came past the patience), counting it, since failures are what
 * a soak is looking for. The patience is the whole exchange's, as a client's own timeout is: the HttpClient's request
 * timeout leaves out the wait for the connection, which is where a new client waits when the server's backlog is long.
 */
final class NormalClients {

    /**
     * One phase: its requests answered within the patience, the latency percentiles of all answered (late ones too),
     * its failures (late answers among them) and the first of them.
     */
    record Phase(String name, long requests, long failures, double seconds, double p50Millis, double p99Millis,
            Optional<String> firstFailure) {

        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    private final int clients;
    private final LoadDriver.Requests requests;
    private final HttpClient http;
    private final long patienceNanos;

    NormalClients(int clients, LoadDriver.Requests requests, Duration patience) {
        this.clients = clients;
        this.requests = requests;
        this.patienceNanos = patience.toNanos();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(Math.max(2, Math.min(clients, 8)), Thread.ofPlatform().daemon(true).factory()))
                .build();
    }

    Phase run(String name, Duration window) throws Exception {
        long until = System.nanoTime() + window.toNanos();
        AtomicLong failures = new AtomicLong();
        AtomicLong late = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<Future<long[]>> loops = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < clients; client++) {
                int id = client;
                loops.add(pool.submit(() -> loop(id, until, failures, late, firstFailure)));
            }
            long[] all = new long[0];
            for (Future<long[]> loop : loops) {
                long[] latencies = loop.get();
                long[] merged = Arrays.copyOf(all, all.length + latencies.length);
                System.arraycopy(latencies, 0, merged, all.length, latencies.length);
                all = merged;
            }
            Arrays.sort(all);
            return new Phase(name, all.length - late.get(), failures.get(), window.toNanos() / 1e9, percentile(all, 0.50), percentile(all, 0.99),
                    Optional.ofNullable(firstFailure.get()));
        }
    }

    private long[] loop(int client, long until, AtomicLong failures, AtomicLong late, AtomicReference<String> firstFailure) {
        long[] latencies = new long[1024];
        int count = 0;
        for (long sequence = 0; System.nanoTime() < until; sequence++) {
            long sent = System.nanoTime();
            String failure;
            try {
                HttpResponse<Void> response = http.send(requests.next(client, sequence), HttpResponse.BodyHandlers.discarding());
                long latency = System.nanoTime() - sent;
                if (response.statusCode() != 200 && response.statusCode() != 201) {
                    failure = "HTTP " + response.statusCode();
                } else {
                    // A late answer still counts in the percentiles, so that they show how late.
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = latency;
                    if (latency <= patienceNanos) {
                        continue;
                    }
                    late.incrementAndGet();
                    failure = String.format(Locale.ROOT, "HTTP %d past the patience, after %.0f ms", response.statusCode(), latency / 1e6);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                failure = e.toString();
            }
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, failure);
        }
        return Arrays.copyOf(latencies, count);
    }

    private static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)] / 1e6;
    }
}
