package dev.storageledger.bench;

import dev.storageledger.support.KafkaBroker;
import dev.storageledger.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the benchmark workloads against the service as it runs in production: a separate JVM with the documented
 * settings, on a PostgreSQL with durable commits (fsync and synchronous_commit on), both on this machine with the
 * load driver. Writes the figures, each beside its baseline from the same run, into docs/benchmarks.md.
 *
 * <p>Usage (bench/run passes its arguments here): {@code [workload ...] [--customers=1000] [--spaces=10]
 * [--assets=1000] [--warmup=5] [--window=20] [--batch=10000] [--output=docs/benchmarks.md]}; no workload means all.
 */
public final class BenchmarkSuite {

    static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();

    static {
        for (Workload workload : List.of(new CoreWorkload(), new ReadWorkload(), new SingleWriteWorkload(), new BatchWorkload(),
                new TwoInstanceWriteWorkload(), new RecalculationWorkload(), new ReconciliationWorkload(), new IngestWorkload())) {
            WORKLOADS.put(workload.name(), workload);
        }
    }

    private static final String ADMIN_SECRET = "benchmark-secret";
    /** An external database needs the key that encrypts the token signing key (32 bytes, base64). */
    private static final String TOKEN_KEY_ENCRYPTION_KEY = "YmVuY2htYXJrLXRva2VuLWtleS1lbmNyeXB0aW9uLWs=";
    /** The real storage of the services the suite starts (the reconciliation workload fills it). */
    static final Path STORAGE_ROOT = Path.of("target", "bench", "storage");

    public static void main(String[] arguments) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> selected = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.startsWith("--") && argument.contains("=")) {
                options.put(argument.substring(2, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
            } else if (WORKLOADS.containsKey(argument)) {
                selected.add(argument);
            } else {
                throw new IllegalArgumentException("unknown argument '" + argument + "'; workloads: " + WORKLOADS.keySet());
            }
        }
        if (selected.isEmpty()) {
            selected.addAll(WORKLOADS.keySet());
        }
        DataGenerator.Scale scale = new DataGenerator.Scale(1, integer(options, "customers", 1000), integer(options, "spaces", 10),
                integer(options, "assets", 1000));
        Workload.Settings settings = new Workload.Settings(64, 32, Duration.ofSeconds(integer(options, "warmup", 5)),
                Duration.ofSeconds(integer(options, "window", 20)), integer(options, "batch", 10_000));
        Path output = Path.of(options.getOrDefault("output", "docs/benchmarks.md"));
        Path work = Path.of("target", "bench");
        Files.createDirectories(work);

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true).setServerConfig("max_connections", "200").setServerConfig("shared_buffers", "512MB")
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(60)).start()) {
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            DataGenerator database = new DataGenerator(url, "postgres", "");
            int instances = selected.stream().mapToInt(name -> WORKLOADS.get(name).instances()).max().orElse(1);
            List<ServiceProcess> services = new ArrayList<>();
            try {
                for (int instance = 0; instance < instances; instance++) {
                    services.add(startService(url, work.resolve(instance == 0 ? "service.log" : "service-" + (instance + 1) + ".log")));
                }
                for (ServiceProcess service : services) {
                    service.awaitHealth(Duration.ofSeconds(120));
                }
                long loadStart = System.nanoTime();
                database.load(scale);
                double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
                System.out.printf(Locale.ROOT, "Loaded %,d asset records in %.1f s%n", scale.assetRows(), loadSeconds);

                CpuMeter cpu = new CpuMeter(services.stream().map(ServiceProcess::pid).toList(),
                        work.resolve("postgres").resolve("postmaster.pid"));
                Workload.Target target = new Workload.Target(services.stream().map(ServiceProcess::baseUrl).toList(), "admin",
                        ADMIN_SECRET, database, scale, settings(url), cpu);
                List<Workload.Comparison> comparisons = new ArrayList<>();
                for (String name : selected) {
                    System.out.println("Running " + name);
                    comparisons.addAll(WORKLOADS.get(name).run(target, settings));
                }
                long peakRss = peakRssKilobytes(services.getFirst().pid());
                String memory = String.format(Locale.ROOT, "Memory: the service's peak RSS (VmHWM) over the run was %,d MiB "
                        + "with JVM settings `%s` (target: under 512 MiB).", peakRss / 1024, String.join(" ", ServiceProcess.JVM_OPTIONS));
                String data = String.format(Locale.ROOT, "%,d customers x %,d spaces x %,d assets = %,d asset records, loaded by COPY "
                        + "in %.1f s; PostgreSQL %s with durable commits; warm-up %d s and a measured window of %d s per figure%s.",
                        scale.customers(), scale.spaces(), scale.assets(), scale.assetRows(), loadSeconds, postgresVersion(database),
                        settings.warmup().toSeconds(), settings.window().toSeconds(),
                        instances > 1 ? "; " + instances + " service instances on the one database" : "");
                String section = Report.markdown("bench/run " + String.join(" ", arguments), machine(), data, comparisons,
                        selected.contains("core") && selected.size() == 1 ? null : memory);
                System.out.println(section);
                Report.write(output, section);
            } finally {
                for (ServiceProcess service : services) {
                    service.close();
                }
                KafkaBroker.stop(); // the ingestion workload's broker, whose threads would keep this JVM running
            }
        }
    }

    /**
     * The service as the production runs it, in its own JVM with its runtime classpath (bench/run writes it), started
     * by {@link BenchLauncher}, which adds the baselines from the test classes (target/test-classes); no test library
     * is on its classpath.
     */
    private static ServiceProcess startService(String databaseUrl, Path log) throws IOException {
        String classpath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("target", "bench", "service.classpath")).trim();
        return ServiceProcess.start(classpath, BenchLauncher.class.getName(), settings(databaseUrl), log.toAbsolutePath());
    }

    /** The settings of the services the suite starts. */
    private static Map<String, String> settings(String databaseUrl) {
        return Map.of("LEDGER_DB_URL", databaseUrl, "LEDGER_DB_USER", "postgres", "LEDGER_DB_PASSWORD", "", "LEDGER_ADMIN_SECRET", ADMIN_SECRET,
                "LEDGER_TOKEN_KEY_ENCRYPTION_KEY", TOKEN_KEY_ENCRYPTION_KEY, "LEDGER_STORAGE_ROOT", STORAGE_ROOT.toAbsolutePath().toString());
    }

    static long peakRssKilobytes(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst().orElse(-1);
    }

    static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        long memoryKilobytes = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
        return String.format(Locale.ROOT, "%d cores (%s), %d GiB, Java %s; the load driver, the service and PostgreSQL share it",
                Runtime.getRuntime().availableProcessors(), cpu, Math.round(memoryKilobytes / 1024.0 / 1024.0),
                System.getProperty("java.version"));
    }

    static String postgresVersion(DataGenerator database) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return result.getString(1);
        }
    }

    private static int integer(Map<String, String> options, String name, int otherwise) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : otherwise;
    }
}
