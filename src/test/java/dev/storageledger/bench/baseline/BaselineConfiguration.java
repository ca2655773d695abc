package dev.storageledger.bench.baseline;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The benchmark suite's baselines, as one source to add to the service: the fixed answer and the naive single write
 * ({@link BenchmarkBaselineController}, {@link NaiveLedgerRepository}) and the bench's migration that makes their
 * tables ({@link BenchMigration}). Present only when ledger.benchmark.enabled is true, and so is each of the two
 * baselines, because component scanning also finds them wherever the test classes are on the classpath (the
 * integration tests' contexts and instances), and those must not have them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("ledger.benchmark.enabled")
@Import({BenchMigration.class, BenchmarkBaselineController.class, NaiveLedgerRepository.class})
public class BaselineConfiguration {
}
