package dev.storageledger.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One benchmark workload: it runs against a running service and its database, and answers each figure beside the
 * baseline measured in the same run. New workloads (recalculation, reconciliation, event ingestion) implement this
 * and are named in {@link BenchmarkSuite#WORKLOADS}.
 */
public interface Workload {

    String name();

    List<Comparison> run(Target target, Settings settings) throws Exception;

    /** How many service instances, on the one database, the workload needs. */
    default int instances() {
        return 1;
    }

    /**
     * The service under test: the base URL of each of its instances (all on one database), the administrator's
     * credentials, direct access to its database, the settings its instances were started with (for a workload that
     * starts one of its own), and the meter of the processor time its processes use.
     */
    record Target(List<String> baseUrls, String adminKey, String adminSecret, DataGenerator database, DataGenerator.Scale scale,
            Map<String, String> settings, CpuMeter cpu) {

        public Target {
            baseUrls = List.copyOf(baseUrls);
            settings = Map.copyOf(settings);
        }

        public Target(List<String> baseUrls, String adminKey, String adminSecret, DataGenerator database, DataGenerator.Scale scale) {
            this(baseUrls, adminKey, adminSecret, database, scale, Map.of(), CpuMeter.NONE);
        }

        public String adminAuthorization() {
            return basic(adminKey, adminSecret);
        }

        /** A request to the first instance. */
        public HttpRequest.Builder request(String path, String authorization) {
            return request(0, path, authorization);
        }

        /** A request to instance {@code instance} (modulo the number of instances). */
        public HttpRequest.Builder request(int instance, String path, String authorization) {
            return HttpRequest.newBuilder(URI.create(baseUrls.get(instance % baseUrls.size()) + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", authorization);
        }

        public static String basic(String key, String secret) {
            return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** How hard and how long: the connections of each workload, its warm-up, its measured window, the batch size. */
    record Settings(int readConnections, int writeConnections, Duration warmup, Duration window, int batchSize) {
    }

    /**
     * One measured figure: a rate, with the latency percentiles of its requests and the processor time the service and
     * its database used per request, where there are any (NaN where not).
     */
    record Figure(String name, double value, double p50Millis, double p99Millis, long failures, double cpuMillisPerRequest) {

        Figure(String name, double value, double p50Millis, double p99Millis, long failures) {
            this(name, value, p50Millis, p99Millis, failures, Double.NaN);
        }

        static Figure requestsPerSecond(LoadDriver.Result result) {
            return new Figure(result.name(), result.requestsPerSecond(), result.p50Millis(), result.p99Millis(), result.failures(),
                    result.cpuMillisPerRequest());
        }

        static Figure recordsPerSecond(LoadDriver.Result result) {
            return new Figure(result.name(), result.recordsPerSecond(), result.p50Millis(), result.p99Millis(), result.failures(),
                    result.cpuMillisPerRequest());
        }
    }

    /** A figure and its baseline from the same run, with the target the issue sets. */
    record Comparison(String workload, Figure measured, Figure baseline, String unit, String target) {

        public double ratio() {
            return measured.value() / baseline.value();
        }
    }
}
