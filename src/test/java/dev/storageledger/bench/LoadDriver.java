package dev.storageledger.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;

/**
 * A closed-loop HTTP load driver: a number of connections, each sending its next request as soon as the last one
 * is answered, first for a warm-up and then for a measured window. It records every latency of the window, so
 * its percentiles are exact rather than estimated.
 */
public final class LoadDriver {

    /** Makes the requests of one connection; {@code sequence} counts that connection's requests from 0. */
    public interface Requests {
        HttpRequest next(int connection, long sequence);
    }

    /**
     * What one run measured; {@code cpuMillisPerRequest} is the processor time the processes under test used in the
     * window per request answered (NaN when not measured).
     */
    public record Result(String name, int connections, long requests, long failures, double seconds, long recordsPerRequest,
            double p50Millis, double p99Millis, double cpuMillisPerRequest) {

        public Result(String name, int connections, long requests, long failures, double seconds, long recordsPerRequest,
                double p50Millis, double p99Millis) {
            this(name, connections, requests, failures, seconds, recordsPerRequest, p50Millis, p99Millis, Double.NaN);
        }

        public double requestsPerSecond() {
            return requests / seconds;
        }

        public double recordsPerSecond() {
            return requests * recordsPerRequest / seconds;
        }
    }

    private final HttpClient http;
    private final CpuMeter cpu;

    public LoadDriver(int connections) {
        this(connections, CpuMeter.NONE);
    }

    /** A driver that also measures the processor time {@code cpu} reads over each window. */
    LoadDriver(int connections, CpuMeter cpu) {
        this.cpu = cpu;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(Math.max(2, Math.min(connections, 8)), Thread.ofPlatform().daemon(true).factory()))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public Result run(String name, int connections, Duration warmup, Duration window, long recordsPerRequest, IntPredicate expected,
            Requests requests) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureUntil = measureFrom + window.toNanos();
        List<Future<long[]>> loops = new ArrayList<>();
        long[] failures = new long[connections];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Duration> cpuUsed = pool.submit(() -> cpuUsed(measureFrom, measureUntil));
            for (int connection = 0; connection < connections; connection++) {
                int id = connection;
                loops.add(pool.submit(() -> loop(id, measureFrom, measureUntil, expected, requests, failures)));
            }
            long[] all = new long[0];
            for (Future<long[]> loop : loops) {
                long[] latencies = loop.get();
                long[] merged = Arrays.copyOf(all, all.length + latencies.length);
                System.arraycopy(latencies, 0, merged, all.length, latencies.length);
                all = merged;
            }
            Arrays.sort(all);
            long failed = Arrays.stream(failures).sum();
            double cpuMillis = cpu.measures() && all.length > 0 ? cpuUsed.get().toNanos() / 1e6 / all.length : Double.NaN;
            return new Result(name, connections, all.length, failed, window.toNanos() / 1e9, recordsPerRequest,
                    percentile(all, 0.50), percentile(all, 0.99), cpuMillis);
        }
    }

    /** The processor time used from the window's start to its end, read at those instants. */
    private Duration cpuUsed(long measureFrom, long measureUntil) throws InterruptedException {
        sleepUntil(measureFrom);
        Duration before = cpu.used();
        sleepUntil(measureUntil);
        return cpu.used().minus(before);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    private long[] loop(int connection, long measureFrom, long measureUntil, IntPredicate expected, Requests requests, long[] failures)
            throws IOException, InterruptedException {
        long[] latencies = new long[1024];
        int count = 0;
        for (long sequence = 0; ; sequence++) {
            long sent = System.nanoTime();
            if (sent >= measureUntil) {
                return Arrays.copyOf(latencies, count);
            }
            HttpResponse<byte[]> response = http.send(requests.next(connection, sequence), HttpResponse.BodyHandlers.ofByteArray());
            long answered = System.nanoTime();
            if (sent < measureFrom || answered > measureUntil) {
                continue;
            }
            if (!expected.test(response.statusCode())) {
                failures[connection]++;
                continue;
            }
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = answered - sent;
        }
    }

    private static double percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)] / 1e6;
    }
}
