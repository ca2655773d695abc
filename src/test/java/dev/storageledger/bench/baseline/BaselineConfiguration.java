package dev.storageledger.bench.baseline;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The benchmark suite's baselines, as one source to add to the service: the fixed answer and the naive single write
 * ({@link BenchmarkBaselineController}, {@link NaiveLedgerRepository}). Each of them is present only when
 * ledger.benchmark.enabled is true, because component scanning also finds them wherever the test classes are on the
 * classpath (the integration tests' contexts and instances), and those must not have them.
 */
@Configuration(proxyBeanMethods = false)
@Import({BenchmarkBaselineController.class, NaiveLedgerRepository.class})
public class BaselineConfiguration {
}
