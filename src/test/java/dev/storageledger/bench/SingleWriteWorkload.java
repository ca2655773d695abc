package dev.storageledger.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Workload 2: PUT new asset records, (a) spread over every customer and space, (b) all into one customer and space
 * (the hot tenant). Baselines, served by the same stack and driven by the same driver: the naive design of Cloudreve
 * and DLCS (the record inserted, then a separate counter UPDATE, no limit checked) at /bench/naive/..., and the
 * database-side design (triggers that move the totals in the writer's transaction, CHECK constraints for the limits)
 * at /bench/trigger/....
 */
final class SingleWriteWorkload implements Workload {

    @Override
    public String name() {
        return "writes";
    }

    @Override
    public List<Comparison> run(Target target, Settings settings) throws Exception {
        LoadDriver driver = new LoadDriver(settings.writeConnections(), target.cpu());
        DataGenerator.Scale scale = target.scale();
        // Both designs warm up first, so that neither is measured on a colder JVM than the other.
        Settings warmUp = new Settings(settings.readConnections(), settings.writeConnections(), Duration.ZERO, settings.warmup(),
                settings.batchSize());
        run(driver, target, warmUp, "warm-up, naive", "/bench/naive", false, 1);
        run(driver, target, warmUp, "warm-up, trigger", "/bench/trigger", false, 1);
        run(driver, target, warmUp, "warm-up, ledger", "", false, 1);
        LoadDriver.Result naiveSpread = run(driver, target, settings, "naive, spread", "/bench/naive", false, 1);
        LoadDriver.Result triggerSpread = run(driver, target, settings, "trigger, spread", "/bench/trigger", false, 1);
        LoadDriver.Result spread = run(driver, target, settings, "ledger, spread", "", false, 1);
        LoadDriver.Result naiveHot = run(driver, target, settings, "naive, one customer", "/bench/naive", true, 1);
        LoadDriver.Result triggerHot = run(driver, target, settings, "trigger, one customer", "/bench/trigger", true, 1);
        LoadDriver.Result hot = run(driver, target, settings, "ledger, one customer", "", true, 1);
        String connections = " (" + settings.writeConnections() + " connections)";
        String spreadName = name() + " (a) spread over " + scale.customers() + " customers" + connections;
        String hotName = name() + " (b) one customer and space" + connections;
        return List.of(
                new Comparison(spreadName, Figure.requestsPerSecond(spread), Figure.requestsPerSecond(naiveSpread), "requests/s",
                        "ratio >= 1.2"),
                new Comparison(spreadName + ", against the trigger design", Figure.requestsPerSecond(spread),
                        Figure.requestsPerSecond(triggerSpread), "requests/s", "ratio >= 1.0"),
                new Comparison(hotName, Figure.requestsPerSecond(hot), Figure.requestsPerSecond(naiveHot), "requests/s", "ratio >= 2"),
                new Comparison(hotName + ", against the trigger design", Figure.requestsPerSecond(hot),
                        Figure.requestsPerSecond(triggerHot), "requests/s", "ratio >= 1.5"),
                new Comparison(name() + " (b) one customer against (a) spread", Figure.requestsPerSecond(hot),
                        Figure.requestsPerSecond(spread), "requests/s", "ratio >= 0.5"));
    }

    /**
     * PUTs of new assets by {@code settings.writeConnections()} connections, spread over the first {@code instances}
     * instances of the target (connection i to instance i mod instances).
     */
    static LoadDriver.Result run(LoadDriver driver, Target target, Settings settings, String name, String prefix, boolean hot,
            int instances) throws Exception {
        DataGenerator.Scale scale = target.scale();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String admin = target.adminAuthorization();
        SplittableRandom[] randoms = new SplittableRandom[settings.writeConnections()];
        for (int connection = 0; connection < randoms.length; connection++) {
            randoms[connection] = new SplittableRandom(connection);
        }
        return driver.run(name, settings.writeConnections(), settings.warmup(), settings.window(), 1,
                status -> status == 201 || status == 200, (connection, sequence) -> {
                    SplittableRandom random = randoms[connection];
                    int customer = hot ? scale.firstCustomer() : scale.firstCustomer() + random.nextInt(scale.customers());
                    int space = hot ? 0 : random.nextInt(scale.spaces());
                    String path = prefix + "/customers/" + customer + "/spaces/" + space + "/images/w" + run + "-" + connection + "-" + sequence;
                    String body = "{\"size\": " + DataGenerator.size(sequence) + ", \"thumbnailSize\": 1000}";
                    return target.request(connection % instances, path, admin).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
                });
    }
}
