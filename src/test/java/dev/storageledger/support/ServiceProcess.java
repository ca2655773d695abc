package dev.storageledger.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The service as a process of its own, as it runs in production: its own JVM (with the production memory
 * settings), on the database it is given. Used where one JVM is not enough: several instances on one PostgreSQL,
 * an instance killed with SIGKILL, and the benchmarks.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The service's JVM settings under load: the benchmarks' memory figure is measured with exactly these. */
    public static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx256m", "-XX:MaxMetaspaceSize=160m",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m", "-Xss512k");

    /** The log of every process started in this JVM, in order: what {@link ProcessLogsOnFailure} quotes. */
    private static final List<Path> STARTED = new CopyOnWriteArrayList<>();

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the service's main class on a free port; it is not healthy yet (see {@link #awaitHealth}).
     *
     * @param classpath   where the service's classes and libraries are
     * @param environment its settings (LEDGER_DB_URL, LEDGER_ADMIN_SECRET, ...); SERVER_PORT is chosen here, and
     *                    LEDGER_TOKEN_KEY_ENCRYPTION_KEY is the tests' own unless given
     * @param log         where its output goes: under target/ (see {@link ProcessLogs#of}), where it outlives the test
     */
    public static ServiceProcess start(String classpath, Map<String, String> environment, Path log) throws IOException {
        return start(classpath, "dev.storageledger.StorageLedgerApplication", JVM_OPTIONS, environment, log);
    }

    /** As {@link #start(String, Map, Path)}, with other JVM settings than the production ones (none: the JVM's defaults). */
    public static ServiceProcess start(String classpath, List<String> jvmOptions, Map<String, String> environment, Path log)
            throws IOException {
        return start(classpath, "dev.storageledger.StorageLedgerApplication", jvmOptions, environment, log);
    }

    /**
     * As {@link #start(String, Map, Path)}, with another main class that starts the service (the benchmark suite's
     * launcher, which adds its baselines).
     */
    public static ServiceProcess start(String classpath, String mainClass, Map<String, String> environment, Path log)
            throws IOException {
        return start(classpath, mainClass, JVM_OPTIONS, environment, log);
    }

    private static ServiceProcess start(String classpath, String mainClass, List<String> jvmOptions, Map<String, String> environment,
            Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        // An external database (as every test and benchmark gives) needs the key that encrypts the signing keys.
        builder.environment().putIfAbsent("LEDGER_TOKEN_KEY_ENCRYPTION_KEY", IntegrationTest.TOKEN_KEY_ENCRYPTION_KEY);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        Process process = builder.start();
        STARTED.add(log);
        return new ServiceProcess(process, port, log);
    }

    /** How many processes this JVM has started: a mark for {@link #startedSince}. */
    static int startedSoFar() {
        return STARTED.size();
    }

    /** The logs of the processes started since the mark, each once (an instance restarted writes the same log again). */
    static List<Path> startedSince(int mark) {
        return STARTED.subList(mark, STARTED.size()).stream().distinct().toList();
    }

    /** Waits until /actuator/health answers 200; fails when the process exits or the time runs out. */
    public ServiceProcess awaitHealth(Duration patience) throws Exception {
        return awaitUp("/actuator/health", patience);
    }

    /**
     * Waits until /actuator/health/liveness answers 200 (the service runs, whether its database is there or not);
     * fails when the process exits or the time runs out.
     */
    public ServiceProcess awaitLiveness(Duration patience) throws Exception {
        return awaitUp("/actuator/health/liveness", patience);
    }

    private ServiceProcess awaitUp(String path, Duration patience) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(ProcessLogs.failure("the service exited with " + process.exitValue(), log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException(ProcessLogs.failure("the service did not become healthy in " + patience, log));
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Where its output goes. */
    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the process ends at once, in the middle of whatever it is doing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
