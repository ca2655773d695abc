package dev.storageledger.bench;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.Tally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The accounting core on one batch of 10,000 records, half of them updates of stored assets: planning it
 * (a Tally of its records: what each does, and each space's and the customer's change, with exact arithmetic) against the
 * baseline of merely summing the records' sizes per space, the least any accounting must do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BenchmarkBatchPlan {

    static final int RECORDS = 10_000;

    private List<StorageRecord> records;
    private Map<AssetRef, StoredAsset> stored;

    @Setup
    public void records() {
        records = new ArrayList<>(RECORDS);
        stored = new HashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            AssetRef ref = new AssetRef(i % 10, "asset-" + i);
            records.add(StorageRecord.stored(ref, new AssetSize(DataGenerator.size(i), 1000), null));
            if (i % 2 == 0) {
                stored.put(ref, new StoredAsset(ref, new AssetSize(DataGenerator.size(i + 1), 900), null, Instant.EPOCH));
            }
        }
    }

    @Benchmark
    public Tally plan() {
        Tally tally = new Tally();
        for (StorageRecord record : records) {
            tally.record(1, record, stored.get(record.ref()));
        }
        return tally;
    }

    @Benchmark
    public Map<Integer, Long> baselineSumPerSpace() {
        Map<Integer, Long> sums = new HashMap<>();
        for (StorageRecord record : records) {
            sums.merge(record.ref().space(), record.size().size(), Long::sum);
        }
        return sums;
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(BenchmarkBatchPlan.class.getName()).build()).run();
    }
}
