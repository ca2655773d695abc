package dev.storageledger.bench;

import dev.storageledger.StorageLedgerApplication;
import dev.storageledger.bench.baseline.BaselineConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The service as the benchmark suite runs it: {@link StorageLedgerApplication}, with its production settings, plus
 * the baselines that the suite measures beside it ({@link BaselineConfiguration}), which live in the test classes.
 * The service's own main stays free of them; {@link BenchmarkSuite} starts this class instead, with the test classes
 * on the classpath.
 */
public final class BenchLauncher {

    /**
     * The setting that turns the baselines on; given as a command-line argument, so that it wins over the service's
     * application.properties.
     */
    static final List<String> SETTINGS = List.of("--ledger.benchmark.enabled=true");

    private BenchLauncher() {
    }

    public static void main(String[] arguments) {
        List<String> all = new ArrayList<>(SETTINGS);
        all.addAll(List.of(arguments));
        new SpringApplicationBuilder(StorageLedgerApplication.class, BaselineConfiguration.class).run(all.toArray(String[]::new));
    }
}
