package dev.storageledger.database;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storageledger.support.Json;
import dev.storageledger.support.ProcessLogs;
import dev.storageledger.support.ProcessLogsOnFailure;
import dev.storageledger.support.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * One data folder, one service: the embedded database's folder is locked by the instance that runs on it. A second
 * instance started on the same folder (`SERVER_PORT=8081 ./mvnw spring-boot:run` beside a running one) refuses to
 * start and leaves the first one's database alone; the database of an instance killed with SIGKILL is stopped and
 * taken over by the next start. Each instance is a process of its own, as in production.
 */
@ExtendWith(ProcessLogsOnFailure.class)
class EmbeddedDatabaseLockTest {

    private static final String SECRET = "lock-test-secret";
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_second_instance_on_the_same_data_folder_refuses_to_start_and_leaves_the_first_ones_database_alone(@TempDir Path workspace)
            throws Exception {
        Path dataFolder = workspace.resolve("data");
        try (ServiceProcess first = start(dataFolder, "lock-first").awaitHealth(STARTUP)) {
            assertThat(send(first, "PUT", "/customers/7", object("name", "before the second")).statusCode()).isEqualTo(201);
            long database = postmasterPid(dataFolder);

            ServiceProcess second = start(dataFolder, "lock-second");
            try (second) {
                assertThatThrownBy(() -> second.awaitHealth(STARTUP)).hasMessageContaining("the service exited with 1");
            }

            assertThat(Files.readString(second.log())).contains("The data folder " + dataFolder + " is in use by another instance"
                    + " of the service (pid " + first.pid() + ")");
            assertThat(Files.readAllLines(second.log())).as("the refused start's log tells its reason, with no stack trace")
                    .noneMatch(line -> line.strip().startsWith("at org.") || line.strip().startsWith("at dev."));
            assertThat(ProcessHandle.of(database)).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
            assertThat(postmasterPid(dataFolder)).isEqualTo(database);
            assertThat(send(first, "PUT", "/customers/7/spaces/1", object("name", "after the second")).statusCode()).isEqualTo(201);
            assertThat(send(first, "GET", "/customers/7", null).body()).contains("before the second");
        }
    }

    @Test
    void the_database_of_an_instance_killed_with_sigkill_is_stopped_and_its_folder_taken_over_at_the_next_start(@TempDir Path workspace)
            throws Exception {
        Path dataFolder = workspace.resolve("data");
        long orphan;
        try (ServiceProcess killed = start(dataFolder, "lock-killed").awaitHealth(STARTUP)) {
            assertThat(send(killed, "PUT", "/customers/7", object("name", "before the kill")).statusCode()).isEqualTo(201);
            orphan = postmasterPid(dataFolder);
            killed.kill();
        }
        assertThat(ProcessHandle.of(orphan)).as("the killed instance's database outlives it")
                .hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());

        try (ServiceProcess next = start(dataFolder, "lock-next").awaitHealth(STARTUP)) {
            assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("the orphaned database").isEmpty();
            assertThat(postmasterPid(dataFolder)).isNotEqualTo(orphan);
            assertThat(send(next, "GET", "/customers/7", null).body()).contains("before the kill");
        }
    }

    /** An instance on {@code dataFolder}; its output goes to target/instance-{name}.log. */
    private static ServiceProcess start(Path dataFolder, String name) throws Exception {
        // The tests run as root, as CI does.
        return ServiceProcess.start(System.getProperty("java.class.path"), Map.of("LEDGER_DB_URL", "", "LEDGER_DATA_DIR", dataFolder.toString(),
                "LEDGER_EMBEDDED_DB_ALLOW_ROOT", "true", "LEDGER_ADMIN_KEY", "admin", "LEDGER_ADMIN_SECRET", SECRET), ProcessLogs.of(name));
    }

    /** The pid of the PostgreSQL server running on the data folder, from the first line of its postmaster.pid. */
    private static long postmasterPid(Path dataFolder) throws Exception {
        return Long.parseLong(Files.readAllLines(dataFolder.resolve(EmbeddedDatabase.CLUSTER_DIRECTORY).resolve("postmaster.pid")).getFirst().trim());
    }

    /** A request of the administrator, with {@code body} as JSON, or with no body when it is null. */
    private HttpResponse<String> send(ServiceProcess instance, String method, String path, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance.baseUrl() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + SECRET).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.text(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
