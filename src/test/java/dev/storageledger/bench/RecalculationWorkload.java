package dev.storageledger.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workload 4: a recalculation of every customer (POST /storage/recalculations, polled until it has finished),
 * against the bare GROUP BY of the same table (customer and space, count and sums), run over JDBC as psql would run
 * it. Each is run twice and the second run counts, so that both read a warm cache.
 */
final class RecalculationWorkload implements Workload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String name() {
        return "recalculation";
    }

    @Override
    public List<Comparison> run(Target target, Settings settings) throws Exception {
        long records = countRecords(target);
        groupBy(target);
        double groupBySeconds = groupBy(target);
        recalculate(target);
        double recalculationSeconds = recalculate(target);
        Figure measured = new Figure("recalculation of every customer", records / recalculationSeconds, recalculationSeconds * 1000,
                recalculationSeconds * 1000, 0);
        Figure baseline = new Figure("SELECT customer, space, count(*), sum(size), sum(thumbnail_size) FROM asset GROUP BY customer, space",
                records / groupBySeconds, groupBySeconds * 1000, groupBySeconds * 1000, 0);
        return List.of(new Comparison(name() + " of " + String.format("%,d", records) + " asset records", measured, baseline, "records/s",
                "ratio >= 0.8 (within 1.25 of the GROUP BY's time)"));
    }

    private static long countRecords(Target target) throws Exception {
        try (Connection connection = target.database().connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM asset")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static double groupBy(Target target) throws Exception {
        try (Connection connection = target.database().connect(); Statement statement = connection.createStatement()) {
            long start = System.nanoTime();
            try (ResultSet result = statement.executeQuery(
                    "SELECT customer, space, count(*), sum(size), sum(thumbnail_size) FROM asset GROUP BY customer, space")) {
                while (result.next()) {
                    result.getLong(3);
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double recalculate(Target target) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        HttpResponse<String> started = http.send(target.request("/storage/recalculations", target.adminAuthorization())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("the recalculation did not start: " + started.body());
        }
        String location = URI.create(started.headers().firstValue("Location").orElseThrow()).getPath();
        while (true) {
            JsonNode job = JSON.readTree(http.send(target.request(location, target.adminAuthorization()).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String state = job.get("state").stringValue();
            if (state.equals("succeeded")) {
                return (System.nanoTime() - start) / 1e9;
            }
            if (state.equals("failed")) {
                throw new IllegalStateException("the recalculation failed: " + job);
            }
            Thread.sleep(10);
        }
    }
}
