package dev.storageledger.security;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.StorageLedgerApplication;
import dev.storageledger.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * On the embedded database, without LEDGER_TOKEN_KEY_ENCRYPTION_KEY, the key that encrypts the signing key is made
 * at the first start into a file of the data folder that only its owner may read, and kept: after a restart the same
 * key decrypts the same signing key, so tokens issued before still work.
 */
class EmbeddedKeyEncryptionKeyTest {

    private static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("admin:key-file-secret".getBytes(StandardCharsets.UTF_8));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_key_file_is_made_at_the_first_start_readable_by_its_owner_only_and_kept_across_restarts(@TempDir Path dataDirectory)
            throws Exception {
        Path file = dataDirectory.resolve("token-key-encryption.key");
        String accessToken;
        String content;
        try (ConfigurableApplicationContext first = start(dataDirectory)) {
            content = Files.readString(file);
            byte[] key = Base64.getDecoder().decode(content.trim());
            Map<String, Object> signing = first.getBean(JdbcClient.class)
                    .sql("SELECT id, sealed_private_key FROM signing_key WHERE retired_at IS NULL").query().singleRow();

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(key).hasSize(32);
            assertThat(new KeyEncryptionKey(key).open((String) signing.get("id"), (byte[]) signing.get("sealed_private_key"))).isNotEmpty();

            int port = port(first);
            assertThat(send(port, "PUT", "/customers/7", AUTHORIZATION, object("name", "kept")).statusCode()).isEqualTo(201);
            assertThat(send(port, "PUT", "/customers/7/users/u", AUTHORIZATION,
                    object("name", "u", "email", "u@example.org", "password", "kept-password", "quota", 5000)).statusCode()).isEqualTo(201);
            accessToken = json(send(port, "POST", "/api/v4/session/token", null,
                    object("email", "u@example.org", "password", "kept-password")))
                    .get("data").get("token").get("access_token").stringValue();
        }
        // Someone made it readable to others meanwhile: the next start makes it private again.
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        try (ConfigurableApplicationContext second = start(dataDirectory)) {
            JsonNode capacity = json(send(port(second), "GET", "/api/v4/user/capacity", "Bearer " + accessToken, null));

            assertThat(capacity.get("code").asInt()).as(capacity.toString()).isZero();
            assertThat(Files.readString(file)).isEqualTo(content);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    private static ConfigurableApplicationContext start(Path dataDirectory) {
        return new SpringApplicationBuilder(StorageLedgerApplication.class).run(
                "--ledger.db.url=", "--ledger.db.embedded-allow-root=true", "--ledger.data-dir=" + dataDirectory, "--server.port=0",
                "--ledger.admin.key=admin", "--ledger.admin.secret=key-file-secret", "--ledger.tokens.key-encryption-key=");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private HttpResponse<String> send(int port, String method, String path, String authorization, JsonNode body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.text(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.builder().build().readTree(response.body());
    }
}
