package dev.storageledger.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * Workload 4: a recalculation of every customer (POST /storage/recalculations, polled until it has finished),
 * against the bare GROUP BY of the same table (customer and space, count and sums), run over JDBC as psql would run
 * it. Each is run twice and the second run counts, so that both read a warm cache.
 */
final class RecalculationWorkload implements Workload {

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
        return BackgroundJob.time(target, "/storage/recalculations");
    }
}
