package dev.storageledger.bench;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The JMH benchmarks of the accounting core (no service, no database), with their baselines. */
final class CoreWorkload implements Workload {

    @Override
    public String name() {
        return "core";
    }

    @Override
    public List<Comparison> run(Target target, Settings settings) throws Exception {
        boolean smoke = settings.window().toMillis() < 1000;
        OptionsBuilder options = new OptionsBuilder();
        options.include(BenchmarkBatchPlan.class.getName());
        if (smoke) {
            options.forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        return List.of(new Comparison(name() + ": planning a batch of " + BenchmarkBatchPlan.RECORDS + " records (JMH)",
                figure(results, "plan"), figure(results, "baselineSumPerSpace"), "batches/s", "(no target; watched for regressions)"));
    }

    private static Figure figure(Collection<RunResult> results, String method) {
        RunResult result = results.stream().filter(run -> run.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .orElseThrow(() -> new IllegalStateException("JMH ran no " + method));
        return new Figure(method, result.getPrimaryResult().getScore(), Double.NaN, Double.NaN, 0);
    }
}
