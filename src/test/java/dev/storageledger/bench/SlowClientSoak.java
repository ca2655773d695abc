package dev.storageledger.bench;

import dev.storageledger.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The slow-client soak (bench/soak; not part of the tests): normal clients' latency alone, beside thousands of slow
 * connections (slowloris: a request's head a byte at a time, never finished, reopened when closed), and alone again,
 * against the service as production runs it, on 127.0.0.1 only. It reports the p99s and their ratio (target: within
 * 3x), what the attack met (connections refused, closed at the head's deadline), and the service's memory.
 *
 * <p>Options: {@code --mode=head} what the slow connections do ({@link SlowAttacker.Mode}: head, body or idle);
 * {@code --slow=2000} slow connections, over {@code --addresses=20} local addresses from 127.0.1.1 on (each
 * within the per-address cap, as a distributed attacker; 1 puts them all on one address), a byte (idle: a request) every
 * {@code --pace=5} seconds (idle: 20); {@code --classes=target/classes} the service's classes (another build's, such
 * as a baseline's worktree, on the same libraries); {@code --clients=16} normal clients, each a GET of a customer's storage on a new connection
 * and a PUT of a record on a kept-alive one in turn; {@code --warmup=10} and {@code --window=30} seconds per phase, {@code --ramp=15} seconds for the attack
 * to open its connections; {@code --jvm=-Xmx256m,-XX:+UseSerialGC} the service's JVM settings, comma-separated
 * ({@code default}: those of the benchmarks, ServiceProcess.JVM_OPTIONS; {@code none}: the JVM's own);
 * {@code --env=NAME=value,...} more settings of the service; {@code --attacker=inline} where the slow connections come
 * from: the soak's own JVM, beside the normal clients, or ({@code niced}) a process of their own at nice 19
 * ({@link AttackerProcess}), so that on a small machine the attacker's CPU is not taken from the service or the normal
 * clients. It runs for about warmup + ramp + 3 x window + 20 s, after
 * the start of PostgreSQL and the service.
 */
public final class SlowClientSoak {

    private static final String ADMIN_SECRET = "soak-secret";
    /** How long a normal client waits for an answer before counting its request failed, as the outside probe did. */
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    public static void main(String[] arguments) throws Exception {
        // Before any HTTP client is made: the normal clients' GETs ask for "Connection: close".
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "connection");
        Map<String, String> options = new LinkedHashMap<>();
        for (String argument : arguments) {
            if (!argument.startsWith("--") || !argument.contains("=")) {
                throw new IllegalArgumentException("unknown argument '" + argument + "'; see SlowClientSoak's documentation");
            }
            options.put(argument.substring(2, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
        }
        SlowAttacker.Mode mode = SlowAttacker.Mode.valueOf(options.getOrDefault("mode", "head").toUpperCase(Locale.ROOT));
        int slow = integer(options, "slow", 2000);
        int addressCount = integer(options, "addresses", 20);
        Duration pace = Duration.ofSeconds(integer(options, "pace", mode == SlowAttacker.Mode.IDLE ? 20 : 5));
        int clients = integer(options, "clients", 16);
        Duration warmup = Duration.ofSeconds(integer(options, "warmup", 10));
        Duration window = Duration.ofSeconds(integer(options, "window", 30));
        Duration ramp = Duration.ofSeconds(integer(options, "ramp", 15));
        List<String> jvm = jvmOptions(options.getOrDefault("jvm", "default"));
        boolean niced = switch (options.getOrDefault("attacker", "inline")) {
            case "inline" -> false;
            case "niced" -> true;
            default -> throw new IllegalArgumentException("--attacker is inline or niced, not " + options.get("attacker"));
        };
        Map<String, String> environment = new LinkedHashMap<>(Map.of("LEDGER_DB_USER", "postgres", "LEDGER_DB_PASSWORD", "",
                "LEDGER_ADMIN_SECRET", ADMIN_SECRET));
        if (options.containsKey("env")) {
            for (String setting : options.get("env").split(",")) {
                environment.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        List<String> addresses = new ArrayList<>();
        for (int address = 0; address < addressCount; address++) {
            addresses.add("127.0." + (1 + address / 200) + "." + (1 + address % 200));
        }
        DataGenerator.Scale scale = new DataGenerator.Scale(1, 100, 10, 100);
        Path work = Path.of("target", "soak");
        Files.createDirectories(work);

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true).setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60)).start()) {
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            environment.put("LEDGER_DB_URL", url);
            // The service's own classes, or those of another build (a baseline's) on the same libraries.
            String classpath = Path.of(options.getOrDefault("classes", "target/classes")).toAbsolutePath() + File.pathSeparator
                    + Files.readString(work.resolve("service.classpath")).trim();
            try (ServiceProcess service = ServiceProcess.start(classpath, jvm, environment, work.resolve("service.log").toAbsolutePath())) {
                service.awaitHealth(Duration.ofSeconds(180));
                new DataGenerator(url, "postgres", "").load(scale);
                Workload.Target target = new Workload.Target(List.of(service.baseUrl().replace("localhost", "127.0.0.1")), "admin",
                        ADMIN_SECRET, null, scale);
                NormalClients driver = new NormalClients(clients, normalClients(target, scale, clients), PATIENCE);

                driver.run("warm-up", warmup);
                NormalClients.Phase alone = driver.run("alone", window);
                long rssAlone = rssKilobytes(service.pid(), "VmRSS:");

                NormalClients.Phase beside;
                SlowAttack.Tally attack;
                long rssAttacked;
                try (SlowAttack attacker = niced ? new AttackerProcess(service.port(), slow, addresses, pace, mode)
                        : new SlowAttacker(service.port(), slow, addresses, pace, mode)) {
                    awaitRamp(attacker, slow, ramp);
                    System.out.printf(Locale.ROOT, "Attack ramped up: %d slow connections open%n", attacker.tally().open());
                    beside = driver.run("beside the slow connections", window);
                    attack = attacker.tally();
                    rssAttacked = rssKilobytes(service.pid(), "VmRSS:");
                }
                NormalClients.Phase after = driver.run("alone again, after", window);
                String metrics;
                try {
                    metrics = guardMetrics(target);
                } catch (IOException unanswered) {
                    metrics = "(the service did not answer: " + unanswered + ")";
                }
                long peak = BenchmarkSuite.peakRssKilobytes(service.pid());
                Thread.sleep(Duration.ofSeconds(20)); // the RSS is reported 20 s after the attack: a fixed interval by design
                long rssAfter = rssKilobytes(service.pid(), "VmRSS:");

                String report = report(arguments, mode, slow, addressCount, pace, clients, window, jvm, environment, alone, beside, after,
                        niced, attack, metrics, rssAlone, rssAttacked, peak, rssAfter);
                System.out.println(report);
                Files.writeString(work.resolve("report.md"), report);
            }
        }
    }

    /**
     * Connection i: GETs of a customer's storage, each on a new connection (as a new client would come), and PUTs of new
     * records on a kept-alive one, in turn, over every customer.
     */
    private static LoadDriver.Requests normalClients(Workload.Target target, DataGenerator.Scale scale, int clients) {
        SplittableRandom[] randoms = new SplittableRandom[clients];
        for (int client = 0; client < clients; client++) {
            randoms[client] = new SplittableRandom(client);
        }
        String admin = target.adminAuthorization();
        return (connection, sequence) -> {
            int customer = scale.firstCustomer() + randoms[connection].nextInt(scale.customers());
            if (sequence % 2 == 0) {
                return target.request("/customers/" + customer + "/storage", admin).timeout(PATIENCE).header("Connection", "close").GET()
                    .build();
            }
            String path = "/customers/" + customer + "/spaces/" + randoms[connection].nextInt(scale.spaces()) + "/images/soak-"
                    + connection + "-" + sequence;
            return target.request(path, admin).timeout(PATIENCE).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"size\": 1000, \"thumbnailSize\": 100}")).build();
        };
    }

    private static String guardMetrics(Workload.Target target) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(URI.create(target.baseUrls().getFirst() + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", target.adminAuthorization()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return prometheus.body().lines().filter(line -> line.startsWith("ledger_connections_") || line.startsWith("ledger_request_heads_")
                    || line.startsWith("ledger_request_bodies_")).collect(Collectors.joining("; "));
        }
    }

    private static String report(String[] arguments, SlowAttacker.Mode mode, int slow, int addresses, Duration pace, int clients, Duration window, List<String> jvm,
            Map<String, String> environment, NormalClients.Phase alone, NormalClients.Phase beside, NormalClients.Phase after,
            boolean niced, SlowAttack.Tally attack, String metrics,
            long rssAlone, long rssAttacked, long peak, long rssAfter) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(environment);
        settings.keySet().removeAll(List.of("LEDGER_DB_URL", "LEDGER_DB_USER", "LEDGER_DB_PASSWORD", "LEDGER_ADMIN_SECRET"));
        StringBuilder report = new StringBuilder();
        report.append("## Slow-client soak\n\n");
        report.append("Command: `bench/soak ").append(String.join(" ", arguments)).append("`  \n");
        report.append("Machine: ").append(BenchmarkSuite.machine()).append("  \n");
        report.append("Service: JVM settings `").append(jvm.isEmpty() ? "(none: the JVM's defaults)" : String.join(" ", jvm))
                .append("`, settings ").append(settings.isEmpty() ? "the defaults" : settings.toString()).append("  \n");
        String doing = switch (mode) {
            case HEAD -> "each a request's head, a byte every " + pace.toSeconds() + " s";
            case BODY -> "each a login's head at once, then its body of 100,000 bytes a byte every " + pace.multipliedBy(8).dividedBy(10).toSeconds()
                    + " to " + pace.multipliedBy(12).dividedBy(10).toSeconds() + " s";
            case IDLE -> "each a GET of /storagePolicies/default every " + pace.toSeconds() + " s on a kept-alive connection";
        };
        report.append(String.format(Locale.ROOT, "Attack: %,d slow connections over %d local addresses, %s, reopened when closed, %s  %n",
                slow, addresses, doing, niced ? "from a process of its own at nice 19" : "from the soak's own JVM"));
        report.append(String.format(Locale.ROOT, "Normal clients: %d at once, a GET of a customer's storage on a new connection "
                + "and a PUT of a record on a kept-alive one in turn, %d s per phase: alone, beside the attack, alone again%n%n",
                clients, window.toSeconds()));
        report.append("| Normal clients | requests/s | p50 ms | p99 ms | failed (5 s patience) | succeeded |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (NormalClients.Phase phase : List.of(alone, beside, after)) {
            report.append(String.format(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f | %d | %.1f%% |%n", phase.name(), phase.requestsPerSecond(),
                    phase.p50Millis(), phase.p99Millis(), phase.failures(), 100.0 * phase.requests() / Math.max(1, phase.requests() + phase.failures())));
        }
        for (NormalClients.Phase phase : List.of(alone, beside, after)) {
            phase.firstFailure().ifPresent(failure -> report.append(String.format(Locale.ROOT, "%nFirst failure %s: %s  ", phase.name(),
                    failure)));
        }
        // Against the better of the two phases alone, so that a machine busier before or after does not flatter the ratio.
        report.append(String.format(Locale.ROOT, "%np99 beside the slow connections / the lower p99 alone: %.2f (target: within 3)  %n",
                beside.p99Millis() / Math.min(alone.p99Millis(), after.p99Millis())));
        report.append(String.format(Locale.ROOT, "Attack: %,d connections opened, at most %,d open at once (%,d at the end); "
                + "%,d closed at once (refused), %,d closed later after %.1f s on average; %,d connects failed  %n",
                attack.opened(), attack.mostOpen(), attack.open(), attack.refused(), attack.closedLater(),
                attack.meanLifeOfClosedLater().toMillis() / 1000.0, attack.failedToConnect()));
        report.append("Service's counters: ").append(metrics.isEmpty() ? "(none)" : metrics).append("  \n");
        long outOfMemory;
        try (var lines = Files.lines(Path.of("target", "soak", "service.log"))) {
            outOfMemory = lines.filter(line -> line.contains("OutOfMemoryError")).count();
        }
        report.append(String.format(Locale.ROOT, "Lines of the service's log naming OutOfMemoryError: %,d  %n", outOfMemory));
        report.append(String.format(Locale.ROOT, "Service's RSS: %,d MiB alone, %,d MiB beside the attack, peak %,d MiB, "
                + "%,d MiB 20 s after%n", rssAlone / 1024, rssAttacked / 1024, peak / 1024, rssAfter / 1024));
        return report.toString();
    }

    /** Waits until the attack holds all its slow connections, or the ramp's time is up (some may keep being refused). */
    private static void awaitRamp(SlowAttack attacker, int slow, Duration ramp) throws InterruptedException {
        Instant end = Instant.now().plus(ramp);
        while (attacker.tally().open() < slow && Instant.now().isBefore(end)) {
            Thread.sleep(100);
        }
    }

    static long rssKilobytes(long pid, String field) throws Exception {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream().filter(line -> line.startsWith(field))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(-1);
    }

    private static List<String> jvmOptions(String option) {
        return switch (option) {
            case "default" -> ServiceProcess.JVM_OPTIONS;
            case "none" -> List.of();
            default -> Arrays.stream(option.split(",")).map(String::strip).filter(text -> !text.isEmpty()).toList();
        };
    }

    private static int integer(Map<String, String> options, String name, int otherwise) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : otherwise;
    }
}
