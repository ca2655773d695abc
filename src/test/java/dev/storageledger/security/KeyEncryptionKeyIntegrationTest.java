package dev.storageledger.security;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storageledger.SettingsException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.storageledger.StorageLedgerApplication;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.ServiceProcess;
import dev.storageledger.support.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key encryption key with an external database, as an operator meets it: the service refuses to start without a
 * usable one and prints what to set (the first case as a process of its own, exactly as an operator would see it; the
 * others as a second service in this JVM, which starts faster); and a database made by a version that kept the
 * signing key in plain form loses that key at the upgrade, so that a backup of it signs nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyEncryptionKeyIntegrationTest extends IntegrationTest {

    private static final Duration START = Duration.ofSeconds(180);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void without_a_key_encryption_key_the_service_on_an_external_database_refuses_to_start_and_says_what_to_set() throws Exception {
        Path log = Path.of("target", "instance-key-encryption-missing.log").toAbsolutePath();
        Map<String, String> environment = Map.of("LEDGER_DB_URL", TestDatabase.get().url(), "LEDGER_DB_USER", TestDatabase.get().user(),
                "LEDGER_DB_PASSWORD", TestDatabase.get().password(), "LEDGER_ADMIN_SECRET", ADMIN_SECRET,
                "LEDGER_TOKEN_KEY_ENCRYPTION_KEY", ""); // blank: unset (ServiceProcess would give the tests' key)

        try (ServiceProcess refused = ServiceProcess.start(System.getProperty("java.class.path"), environment, log)) {
            assertThatThrownBy(() -> refused.awaitHealth(START)).hasMessageContaining("exited");
        }

        assertThat(Files.readString(log)).contains("APPLICATION FAILED TO START",
                "With an external database (LEDGER_DB_URL), LEDGER_TOKEN_KEY_ENCRYPTION_KEY must be set", "openssl rand -base64 32")
                .doesNotContain("\tat dev.storageledger");
    }

    @Test
    void a_key_encryption_key_that_is_not_the_base64_of_32_bytes_is_refused_at_the_start(CapturedOutput output) {
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> start(TestDatabase.get().url(), tooShort)).hasRootCauseInstanceOf(SettingsException.class);
        assertThatThrownBy(() -> start(TestDatabase.get().url(), "not base64!")).hasRootCauseInstanceOf(SettingsException.class);

        assertThat(output.getOut()).contains("LEDGER_TOKEN_KEY_ENCRYPTION_KEY holds 16 bytes, not 32",
                "LEDGER_TOKEN_KEY_ENCRYPTION_KEY is not base64");
    }

    @Test
    void a_key_kept_in_plain_form_by_an_earlier_version_is_removed_at_the_upgrade_and_a_new_encrypted_key_signs() throws Exception {
        String name = "ledger_upgrade_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("CREATE DATABASE " + name).update();
        try {
            anUpgradeOf(urlOf(name));
        } finally {
            jdbc.sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
        }
    }

    private void anUpgradeOf(String url) throws Exception {
        Flyway.configure().dataSource(url, TestDatabase.get().user(), TestDatabase.get().password())
                .locations("classpath:db/migration").target("4").load().migrate();
        JdbcClient database = JdbcClient.create(new DriverManagerDataSource(url, TestDatabase.get().user(), TestDatabase.get().password()));
        RSAKey plain = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        database.sql("INSERT INTO signing_key (id, private_key, public_key) VALUES (:id, :private, :public)")
                .param("id", plain.getKeyID()).param("private", plain.toRSAPrivateKey().getEncoded())
                .param("public", plain.toRSAPublicKey().getEncoded()).update();

        try (ConfigurableApplicationContext upgraded = start(url, TOKEN_KEY_ENCRYPTION_KEY)) {
            int port = ((WebServerApplicationContext) upgraded).getWebServer().getPort();
            int customer = 7;
            assertThat(adminOf(port).put("/customers/" + customer, object("name", "upgraded")).status()).isEqualTo(201);
            assertThat(adminOf(port).put("/customers/" + customer + "/users/kim", object("name", "kim",
                    "email", "kim@example.org", "password", "upgrade-password", "quota", 5000)).status()).isEqualTo(201);
            UUID session = database.sql("SELECT session FROM user_account WHERE customer = 7 AND id = 'kim'").query(UUID.class).single();
            List<Map<String, Object>> keys = database.sql("SELECT id, sealed_private_key FROM signing_key").query().listOfRows();
            String accessToken = adminOf(port).post("/api/v4/session/token", object("email", "kim@example.org",
                    "password", "upgrade-password")).json().get("data").get("token").get("access_token").stringValue();
            String forgedWithTheOldKey = ForgedTokens.sign(plain, new JOSEObjectType("at+jwt"),
                    ForgedTokens.access(customer, "kim", session).build());

            assertThat(keys).hasSize(1);
            assertThat(keys.getFirst().get("id")).isNotEqualTo(plain.getKeyID());
            assertThat(SignedJWT.parse(accessToken).getHeader().getKeyID()).isEqualTo(keys.getFirst().get("id"));
            assertThat(capacityCode(port, accessToken)).isZero();
            assertThat(capacityCode(port, forgedWithTheOldKey)).isEqualTo(401);
            assertThat(adminOf(port).get("/.well-known/jwks.json").body()).doesNotContain(plain.getKeyID());
        }

        // The signing key in that database was encrypted with the tests' key: another one cannot use it.
        String another = Base64.getEncoder().encodeToString("another-key-encryption-key-32-by".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> start(url, another)).hasRootCauseInstanceOf(SettingsException.class)
                .rootCause().hasMessageContaining("cannot be decrypted");
    }

    /** The service started in this JVM on the database at {@code url}, with the key encryption key given. */
    private static ConfigurableApplicationContext start(String url, String keyEncryptionKey) {
        return new SpringApplicationBuilder(StorageLedgerApplication.class).run("--ledger.db.url=" + url,
                "--ledger.db.user=" + TestDatabase.get().user(), "--ledger.db.password=" + TestDatabase.get().password(),
                "--server.port=0", "--ledger.admin.key=" + ADMIN_KEY, "--ledger.admin.secret=" + ADMIN_SECRET,
                "--ledger.tokens.key-encryption-key=" + keyEncryptionKey);
    }

    /** The URL of the database {@code name} on the tests' server. */
    private static String urlOf(String name) {
        String url = TestDatabase.get().url();
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
    }

    private int capacityCode(int port, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v4/user/capacity"))
                .header("Authorization", "Bearer " + token).build();
        return JsonMapper.builder().build().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).get("code").asInt();
    }
}
