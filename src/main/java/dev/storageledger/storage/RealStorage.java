package dev.storageledger.storage;

import dev.storageledger.LedgerProperties;
import dev.storageledger.failure.Failure;
import dev.storageledger.ledger.AssetSize;
import java.nio.file.Path;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** The real storage as the settings describe it: its backend and the layouts of assets' files and thumbnails. */
@Component
public class RealStorage implements DisposableBean {

    private final StorageBackend backend;
    private final StorageLayout files;
    private final StorageLayout thumbnails;

    RealStorage(LedgerProperties.Storage storage) {
        LedgerProperties.S3 s3 = storage.s3();
        if (storage.filesystem() && s3.configured()) {
            throw new IllegalStateException("Set either LEDGER_STORAGE_ROOT or LEDGER_S3_BUCKET, not both");
        }
        this.backend = storage.filesystem() ? new FilesystemBackend(Path.of(storage.root()))
                : s3.configured() ? new S3Backend(s3.endpoint(), s3.region(), s3.bucket(), s3.accessKey(), s3.secretKey()) : null;
        this.files = StorageLayout.of(storage.layout());
        this.thumbnails = StorageLayout.of(storage.thumbnailLayout());
    }

    /** @throws Failure when no storage is configured */
    public StorageBackend backend() {
        if (backend == null) {
            throw Failure.conflict("No storage is configured to measure (set LEDGER_STORAGE_ROOT or LEDGER_S3_BUCKET)");
        }
        return backend;
    }

    public StorageLayout files() {
        return files;
    }

    public StorageLayout thumbnails() {
        return thumbnails;
    }

    @Override
    public void destroy() {
        if (backend instanceof S3Backend s3) {
            s3.close();
        }
    }

    /** What an asset's files and thumbnails measure now (0 and 0 when nothing is stored). */
    public AssetSize measure(int customer, int space, String asset) {
        StorageBackend measured = backend();
        return new AssetSize(measured.bytesUnder(files.asset(customer, space, asset)),
                measured.bytesUnder(thumbnails.asset(customer, space, asset)));
    }
}
