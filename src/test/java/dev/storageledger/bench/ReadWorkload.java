package dev.storageledger.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Workload 1: GET customer, space and asset storage, each with the customer's own key, spread at random over every
 * customer, space and asset. Baseline: a fixed JSON body of the same size, served by the same stack in the same
 * process with no database access at all (the administrator's key, which is checked in memory).
 */
final class ReadWorkload implements Workload {

    @Override
    public String name() {
        return "reads";
    }

    @Override
    public List<Comparison> run(Target target, Settings settings) throws Exception {
        DataGenerator.Scale scale = target.scale();
        List<String> keys = issueKeys(target);
        LoadDriver driver = new LoadDriver(settings.readConnections(), target.cpu());
        List<SplittableRandom> randoms = randoms(settings.readConnections());
        LoadDriver.Requests baselineRequests = (connection, sequence) -> target.request("/bench/fixed", target.adminAuthorization()).GET().build();
        LoadDriver.Requests storageRequests = (connection, sequence) -> {
            SplittableRandom random = randoms.get(connection);
            int index = random.nextInt(scale.customers());
            String customer = "/customers/" + (scale.firstCustomer() + index);
            String space = customer + "/spaces/" + random.nextInt(scale.spaces());
            String path = switch ((int) (sequence % 3)) {
                case 0 -> customer + "/storage";
                case 1 -> space + "/storage";
                default -> space + "/images/a" + random.nextInt(scale.assets()) + "/storage";
            };
            return target.request(path, keys.get(index)).GET().build();
        };
        // Both endpoints warm up first, so that neither is measured on a colder JVM than the other.
        driver.run("warm-up, fixed body", settings.readConnections(), Duration.ZERO, settings.warmup(), 1, status -> true, baselineRequests);
        driver.run("warm-up, storage", settings.readConnections(), Duration.ZERO, settings.warmup(), 1, status -> true, storageRequests);
        LoadDriver.Result baseline = driver.run("fixed body", settings.readConnections(), settings.warmup(), settings.window(), 1,
                status -> status == 200, baselineRequests);
        LoadDriver.Result measured = driver.run("customer, space and asset storage", settings.readConnections(), settings.warmup(),
                settings.window(), 1, status -> status == 200, storageRequests);
        return List.of(new Comparison(name() + " (" + settings.readConnections() + " connections)", Figure.requestsPerSecond(measured),
                Figure.requestsPerSecond(baseline), "requests/s", "ratio >= 0.8 and p99 at most 1.2 x the baseline's"));
    }

    private static List<SplittableRandom> randoms(int connections) {
        List<SplittableRandom> randoms = new ArrayList<>();
        for (int connection = 0; connection < connections; connection++) {
            randoms.add(new SplittableRandom(connection));
        }
        return randoms;
    }

    /** One key per customer, issued through the API as a platform would. */
    private static List<String> issueKeys(Target target) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        List<String> keys = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        for (int customer = target.scale().firstCustomer(); customer <= target.scale().lastCustomer(); customer++) {
            HttpRequest request = target.request("/customers/" + customer + "/keys", target.adminAuthorization())
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            JsonNode issued = json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            keys.add(Target.basic(issued.get("key").stringValue(), issued.get("secret").stringValue()));
        }
        return keys;
    }
}
