package dev.storageledger.bench;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Workload 3: the batch endpoint, one request after another, each with {@code batchSize} new records, into a
 * customer whose policy sets limits. Baselines: COPY of the same rows, batch by batch, into the same table with its
 * keys and constraints but no totals (the physical floor); and the database-side design's batch (one INSERT whose
 * statement triggers move the totals, CHECK constraints for the limits) at /bench/trigger/..., by the same stack.
 */
final class BatchWorkload implements Workload {

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public List<Comparison> run(Target target, Settings settings) throws Exception {
        int batchSize = settings.batchSize();
        int ledgerCustomer = target.scale().lastCustomer() + 1;
        int copyCustomer = target.scale().lastCustomer() + 2;
        prepare(target, ledgerCustomer, copyCustomer);
        String run = UUID.randomUUID().toString().substring(0, 8);

        LoadDriver.Result copy = copyBaseline(target, settings, copyCustomer, run);
        LoadDriver.Result trigger = batches(target, settings, "trigger design's batch", "/bench/trigger/customers/" + ledgerCustomer, run);
        LoadDriver.Result measured = batches(target, settings, "batch endpoint", "/customers/" + ledgerCustomer, run);
        String name = name() + " of " + batchSize + " records (1 connection)";
        return List.of(new Comparison(name, Figure.recordsPerSecond(measured), Figure.recordsPerSecond(copy), "records/s", "ratio >= 0.7"),
                new Comparison(name + ", against the trigger design", Figure.recordsPerSecond(measured), Figure.recordsPerSecond(trigger),
                        "records/s", "ratio >= 1.0"));
    }

    /** Batches of new records POSTed one after another to {@code customerPath}/storageRecords. */
    private static LoadDriver.Result batches(Target target, Settings settings, String name, String customerPath, String run)
            throws Exception {
        int batchSize = settings.batchSize();
        return new LoadDriver(1, target.cpu()).run(name, 1, settings.warmup(), settings.window(), batchSize,
                status -> status == 200, (connection, sequence) -> {
                    StringBuilder body = new StringBuilder(batchSize * 64).append("{\"records\":[");
                    for (int i = 0; i < batchSize; i++) {
                        body.append(i == 0 ? "" : ",").append("{\"space\":0,\"asset\":\"b").append(run).append('-').append(sequence)
                                .append('-').append(i).append("\",\"size\":").append(DataGenerator.size(i))
                                .append(",\"thumbnailSize\":1000}");
                    }
                    return target.request(customerPath + "/storageRecords", target.adminAuthorization())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build();
                });
    }

    /** A customer whose policy sets limits (high enough for the run), and a second one for COPY, each with a space. */
    private static void prepare(Target target, int ledgerCustomer, int copyCustomer) throws Exception {
        try (Connection connection = target.database().connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO storage_policy VALUES ('bench-batch', 1000000000, 1000000000000000000) ON CONFLICT DO NOTHING");
            for (int customer : new int[] {ledgerCustomer, copyCustomer}) {
                statement.execute("INSERT INTO customer (id, name, storage_policy) VALUES (" + customer
                        + ", 'batch', 'bench-batch') ON CONFLICT DO NOTHING");
                statement.execute("INSERT INTO space (customer, id, name) VALUES (" + customer + ", 0, 'batch') ON CONFLICT DO NOTHING");
            }
        }
    }

    private static LoadDriver.Result copyBaseline(Target target, Settings settings, int customer, String run) throws Exception {
        try (Connection connection = target.database().connect()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            long measureFrom = start + settings.warmup().toNanos();
            long measureUntil = measureFrom + settings.window().toNanos();
            long batches = 0;
            for (long sequence = 0; ; sequence++) {
                long sent = System.nanoTime();
                if (sent >= measureUntil) {
                    break;
                }
                StringBuilder rows = new StringBuilder(settings.batchSize() * 48);
                for (int i = 0; i < settings.batchSize(); i++) {
                    rows.append(customer).append("\t0\tc").append(run).append('-').append(sequence).append('-').append(i)
                            .append('\t').append(DataGenerator.size(i)).append("\t1000\n");
                }
                copy.copyIn("COPY asset (customer, space, id, size, thumbnail_size) FROM STDIN", new StringReader(rows.toString()));
                if (sent >= measureFrom && System.nanoTime() <= measureUntil) {
                    batches++;
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM asset WHERE customer = " + customer); // COPY kept no totals: leave none of its rows
            }
            return new LoadDriver.Result("COPY", 1, batches, 0, settings.window().toNanos() / 1e9, settings.batchSize(), Double.NaN,
                    Double.NaN);
        }
    }
}
