package dev.storageledger.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The real-storage contract on a filesystem root. */
class FilesystemStorageIntegrationTest extends RealStorageContract {

    private static final Path ROOT = temporaryRoot();

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("ledger.storage.root", ROOT::toString);
    }

    private static Path temporaryRoot() {
        try {
            return Files.createTempDirectory("ledger-storage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void write(String path, int bytes) throws IOException {
        Path file = ROOT.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }

    @Override
    int tiles() {
        return 20_000;
    }
}
