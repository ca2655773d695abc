package dev.storageledger.bench;

import java.time.Duration;
import java.util.List;

/**
 * Workload 2 again, against two service instances on one PostgreSQL (connection i to instance i mod 2), beside the
 * same load on one instance in the same run: what a second instance adds when the limits are kept by PostgreSQL's
 * row locks, (a) spread over every customer and (b) into one customer (the hot tenant).
 */
final class TwoInstanceWriteWorkload implements Workload {

    @Override
    public String name() {
        return "instances";
    }

    @Override
    public int instances() {
        return 2;
    }

    @Override
    public List<Comparison> run(Target target, Settings settings) throws Exception {
        LoadDriver driver = new LoadDriver(settings.writeConnections(), target.cpu());
        Settings warmUp = new Settings(settings.readConnections(), settings.writeConnections(), Duration.ZERO, settings.warmup(),
                settings.batchSize());
        // The second instance has served nothing before this workload: both warm up on both kinds of load first.
        SingleWriteWorkload.run(driver, target, warmUp, "warm-up, two instances, spread", "", false, 2);
        SingleWriteWorkload.run(driver, target, warmUp, "warm-up, two instances, one customer", "", true, 2);
        LoadDriver.Result oneSpread = SingleWriteWorkload.run(driver, target, settings, "one instance, spread", "", false, 1);
        LoadDriver.Result twoSpread = SingleWriteWorkload.run(driver, target, settings, "two instances, spread", "", false, 2);
        LoadDriver.Result oneHot = SingleWriteWorkload.run(driver, target, settings, "one instance, one customer", "", true, 1);
        LoadDriver.Result twoHot = SingleWriteWorkload.run(driver, target, settings, "two instances, one customer", "", true, 2);
        String connections = " (" + settings.writeConnections() + " connections)";
        return List.of(
                new Comparison(name() + ": writes (a) spread, two instances against one" + connections,
                        Figure.requestsPerSecond(twoSpread), Figure.requestsPerSecond(oneSpread), "requests/s", "reported"),
                new Comparison(name() + ": writes (b) one customer, two instances against one" + connections,
                        Figure.requestsPerSecond(twoHot), Figure.requestsPerSecond(oneHot), "requests/s", "reported"));
    }
}
