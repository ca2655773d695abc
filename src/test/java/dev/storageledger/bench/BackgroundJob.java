package dev.storageledger.bench;

import dev.storageledger.support.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Times a job of the service from the POST that starts it (202) to the moment a read of it finds it succeeded. Each
 * read asks the service to wait for the end (Prefer: wait=60), which it does for a job it runs itself; a service that
 * answers at once is polled {@link Poll}'s 10 ms apart (the figure is then up to 10 ms long).
 */
final class BackgroundJob {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BackgroundJob() {
    }

    /** Seconds from starting the job at {@code path} to its success; fails when it fails. */
    static double time(Workload.Target target, String path) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        HttpResponse<String> started = http.send(target.request(path, target.adminAuthorization())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("the job did not start: " + started.body());
        }
        String location = URI.create(started.headers().firstValue("Location").orElseThrow()).getPath();
        Poll.until(() -> {
            JsonNode job = JSON.readTree(http.send(target.request(location, target.adminAuthorization()).header("Prefer", "wait=60").GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (job.get("state").stringValue().equals("failed")) {
                throw new IllegalStateException("the job failed: " + job);
            }
            return job.get("state").stringValue().equals("succeeded");
        }, Duration.ofMinutes(30));
        return (System.nanoTime() - start) / 1e9;
    }
}
