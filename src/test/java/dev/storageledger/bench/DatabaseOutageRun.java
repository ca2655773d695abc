package dev.storageledger.bench;

import dev.storageledger.support.Given;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.OutageWriters;
import dev.storageledger.support.Poll;
import dev.storageledger.support.ServiceProcess;
import dev.storageledger.support.StoppableDatabase;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outage run of bench/outage: the service as production runs it (its own JVM and classpath), on a PostgreSQL of
 * its own that is stopped under it while writers write, then started again, as many times as asked. Measures how
 * long the service takes to say it is not ready after the stop, and to be ready and store writes again after the
 * start; checks what DatabaseOutageTest checks (no answer takes 3 s, every 503 says what became of the write, every
 * answer holds in the rows, every total is the SUM/COUNT of its records). Prints the figures, writes them to
 * target/bench/outage.md, and exits 1 when anything is wrong.
 *
 * <p>Usage: {@code [--writers=8] [--outage=10] [--outages=3] [--between=5] [--mode=fast|immediate]}: seconds of each
 * outage and of writing between outages; fast is PostgreSQL's fast shutdown, immediate its crash-like one.
 */
public final class DatabaseOutageRun {

    private static final String ADMIN_SECRET = "outage-run-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Outage(int number, Duration stopTook, Duration notReadyAfter, Duration startTook, Duration readyAfter,
            Duration writesAfter) {
    }

    public static void main(String[] arguments) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("writers", "8", "outage", "10", "outages", "3", "between", "5",
                "mode", "fast"));
        for (String argument : arguments) {
            if (!argument.startsWith("--") || !argument.contains("=") || !options.containsKey(argument.substring(2, argument.indexOf('=')))) {
                throw new IllegalArgumentException("unknown argument '" + argument + "'; options: " + options.keySet());
            }
            options.put(argument.substring(2, argument.indexOf('=')), argument.substring(argument.indexOf('=') + 1));
        }
        int writerCount = Integer.parseInt(options.get("writers"));
        Duration outage = Duration.ofSeconds(Long.parseLong(options.get("outage")));
        int outages = Integer.parseInt(options.get("outages"));
        Duration between = Duration.ofSeconds(Long.parseLong(options.get("between")));
        boolean crash = switch (options.get("mode")) {
            case "fast" -> false;
            case "immediate" -> true;
            default -> throw new IllegalArgumentException("--mode is fast or immediate, not " + options.get("mode"));
        };

        List<Outage> measured = new ArrayList<>();
        List<String> violations;
        String summary;
        String classpath = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(Path.of("target", "bench", "service.classpath")).trim();
        try (StoppableDatabase database = StoppableDatabase.created().start();
             ServiceProcess service = ServiceProcess.start(classpath, Map.of("LEDGER_DB_URL", database.url(),
                             "LEDGER_DB_USER", StoppableDatabase.USER, "LEDGER_DB_PASSWORD", "", "LEDGER_ADMIN_SECRET", ADMIN_SECRET),
                     Path.of("target", "bench", "outage-service.log").toAbsolutePath()).awaitHealth(Duration.ofSeconds(300))) {
            LedgerClient admin = LedgerClient.basic(service.port(), "admin", ADMIN_SECRET);
            List<Integer> customers = List.of(1, 2);
            OutageWriters.makeCustomers(Given.by(admin), customers);
            try (OutageWriters writers = new OutageWriters(admin, customers, writerCount)) {
                for (int number = 1; number <= outages; number++) {
                    Instant writing = Instant.now();
                    Poll.until(() -> Instant.now().isAfter(writing.plus(between)) && writers.eachAppliedSince(writing, 1),
                            between.plusSeconds(60));
                    Instant stopping = Instant.now();
                    if (crash) {
                        database.crash();
                    } else {
                        database.stop();
                    }
                    Instant stopped = Instant.now();
                    Poll.until(() -> readiness(service) == 503, Duration.ofSeconds(30));
                    Duration notReadyAfter = Duration.between(stopping, Instant.now());
                    Poll.until(() -> Instant.now().isAfter(stopped.plus(outage)), outage.plusSeconds(5));
                    Instant starting = Instant.now();
                    database.start();
                    Instant started = Instant.now();
                    Poll.until(() -> readiness(service) == 200, Duration.ofSeconds(60));
                    Duration readyAfter = Duration.between(started, Instant.now());
                    Poll.until(() -> writers.eachAppliedSince(started, 1), Duration.ofSeconds(60));
                    measured.add(new Outage(number, Duration.between(stopping, stopped), notReadyAfter, Duration.between(starting, started),
                            readyAfter, Duration.between(started, Instant.now())));
                }
                Instant writing = Instant.now();
                Poll.until(() -> Instant.now().isAfter(writing.plus(between)), between.plusSeconds(5));
                writers.stop();
                violations = writers.violations(database.sql());
                summary = writers.summary();
            }
        }

        StringBuilder report = new StringBuilder();
        report.append(String.format("Outage run: %d writers, %d outages of %d s (%s shutdown), %d s of writing between: %s%n%n",
                writerCount, outages, outage.toSeconds(), crash ? "immediate" : "fast", between.toSeconds(), summary));
        report.append("| outage | the stop took | readiness DOWN after the stop began | the start took | readiness UP after the start | every writer stored again after the start |\n");
        report.append("| --- | --- | --- | --- | --- | --- |\n");
        for (Outage each : measured) {
            report.append(String.format("| %d | %d ms | %d ms | %d ms | %d ms | %d ms |%n", each.number(), each.stopTook().toMillis(),
                    each.notReadyAfter().toMillis(), each.startTook().toMillis(), each.readyAfter().toMillis(), each.writesAfter().toMillis()));
        }
        report.append(violations.isEmpty() ? "\nNothing wrong: no answer took 3 s, every 503 said what became of its write, every answer "
                + "holds in the rows, every total is the SUM/COUNT of its records.\n" : "\nWRONG:\n- " + String.join("\n- ", violations) + "\n");
        System.out.print(report);
        Files.writeString(Path.of("target", "bench", "outage.md"), report);
        System.exit(violations.isEmpty() ? 0 : 1);
    }

    private static int readiness(ServiceProcess service) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
