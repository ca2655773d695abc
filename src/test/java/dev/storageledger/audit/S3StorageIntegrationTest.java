package dev.storageledger.audit;

import dev.storageledger.support.Poll;
import dev.storageledger.support.ProcessLogs;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The real-storage contract on an S3-compatible bucket: Adobe's S3Mock, its standalone jar (copied from Maven Central
 * into target/s3mock by the build), run as a local HTTP server; not a mock of the SDK.
 */
class S3StorageIntegrationTest extends RealStorageContract {

    private static final String BUCKET = "ledger-test";
    private static final Path LOG = Path.of("target", "s3mock", "s3mock.log").toAbsolutePath();
    private static Process s3mock;
    private static S3Client client;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path jar = Path.of("target", "s3mock", "s3mock.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin, generate-test-resources)");
        }
        s3mock = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-jar", jar.toString(),
                "--http.port=" + port, "--server.port=0", "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET)
                .redirectErrorStream(true).redirectOutput(LOG.toFile()).start();
        String endpoint = "http://127.0.0.1:" + port;
        awaitListening(endpoint);
        client = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        registry.add("ledger.storage.s3.endpoint", () -> endpoint);
        registry.add("ledger.storage.s3.bucket", () -> BUCKET);
        registry.add("ledger.storage.s3.access-key", () -> "test");
        registry.add("ledger.storage.s3.secret-key", () -> "test");
    }

    /** Until S3Mock lists its buckets (it takes several seconds to start); fails at once if it exits. */
    private static void awaitListening(String endpoint) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try {
            Poll.until(() -> {
                if (!s3mock.isAlive()) {
                    throw new IllegalStateException(ProcessLogs.failure("S3Mock exited with " + s3mock.exitValue(), LOG));
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(endpoint + "/")).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200;
                } catch (IOException notYet) {
                    return false; // still starting
                }
            }, Duration.ofSeconds(120));
        } catch (AssertionError notListening) {
            throw new IllegalStateException(ProcessLogs.failure("S3Mock did not answer within 120 s", LOG), notListening);
        }
    }

    @AfterAll
    static void stopS3Mock() {
        s3mock.destroy();
    }

    @Override
    void write(String path, int bytes) {
        client.putObject(PutObjectRequest.builder().bucket(BUCKET).key(path).build(), RequestBody.fromBytes(new byte[bytes]));
    }

    @Override
    int tiles() {
        return 300;
    }
}
