package dev.storageledger.database;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.StorageLedgerApplication;
import dev.storageledger.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The service on its embedded default database, as `./mvnw spring-boot:run` starts it: what it stores before a
 * restart is there after it (the users' signing key too), because the data folder survives.
 */
class EmbeddedDatabaseRestartTest {

    private static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("admin:restart-secret".getBytes(StandardCharsets.UTF_8));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void data_written_before_a_restart_is_there_after_it_and_commits_are_durable(@TempDir Path dataDirectory) throws Exception {
        String accessToken;
        try (ConfigurableApplicationContext first = start(dataDirectory)) {
            assertThat(setting(first, "fsync")).isEqualTo("on");
            assertThat(setting(first, "synchronous_commit")).isEqualTo("on");
            int port = port(first);
            assertThat(send(port, "PUT", "/customers/7", object("name", "before the restart")).statusCode()).isEqualTo(201);
            assertThat(send(port, "PUT", "/customers/7/spaces/3", object("name", "kept")).statusCode()).isEqualTo(201);
            assertThat(send(port, "PUT", "/customers/7/users/u",
                    object("name", "u", "email", "u@example.org", "password", "kept-password", "quota", 5000)).statusCode()).isEqualTo(201);
            assertThat(send(port, "PUT", "/customers/7/spaces/3/images/kept", object("size", 1234, "thumbnailSize", 56, "owner", "u"))
                    .statusCode()).isEqualTo(201);
            String login = send(port, "POST", "/api/v4/session/token", object("email", "u@example.org", "password", "kept-password"))
                    .body();
            accessToken = login.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        }

        try (ConfigurableApplicationContext second = start(dataDirectory)) {
            String storage = send(port(second), "GET", "/customers/7/storage", null).body();

            assertThat(storage).contains("\"numberOfStoredImages\":1", "\"totalSizeOfStoredImages\":1234",
                    "\"totalSizeOfThumbnails\":56");
            // The signing key is kept too: a token issued before the restart is still good after it.
            HttpResponse<String> capacity = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(second)
                    + "/api/v4/user/capacity")).header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(capacity.body()).isEqualTo("{\"code\":0,\"data\":{\"total\":5000,\"used\":1290,\"storage_pack_total\":0},\"msg\":\"\"}");
        }
    }

    private static ConfigurableApplicationContext start(Path dataDirectory) {
        return new SpringApplicationBuilder(StorageLedgerApplication.class).run(
                "--ledger.db.url=", "--ledger.db.embedded-allow-root=true", "--ledger.data-dir=" + dataDirectory, "--server.port=0",
                "--ledger.admin.key=admin", "--ledger.admin.secret=restart-secret");
    }

    /** The embedded database must keep every committed write, unlike a test database. */
    private static String setting(ConfigurableApplicationContext context, String name) {
        return context.getBean(JdbcClient.class).sql("SELECT current_setting(:name)").param("name", name).query(String.class).single();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A request of the administrator, with {@code body} as JSON, or with no body when it is null. */
    private HttpResponse<String> send(int port, String method, String path, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", AUTHORIZATION)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.text(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
