package dev.storageledger.audit;

import dev.storageledger.failure.Missing;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.postgres.AssetCheckRepository;
import dev.storageledger.ledger.read.AssetStorage;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.ledger.writer.LedgerWriter;
import dev.storageledger.storage.RealStorage;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A check of one asset against the real storage: while it runs the asset's ImageStorage says
 * checkingInProgress; then its size and thumbnailSize are what its files and thumbnails measure, lastChecked is
 * the moment, and every total has moved with them in the write's one transaction.
 */
@Service
public class AssetChecker {

    static final Job.Kind KIND = Job.Kind.CHECK;

    private final RealStorage storage;
    private final AssetCheckRepository checks;
    private final StorageReader reader;
    private final LedgerWriter writer;
    private final Jobs jobs;

    AssetChecker(RealStorage storage, AssetCheckRepository checks, StorageReader reader, LedgerWriter writer, Jobs jobs) {
        this.storage = storage;
        this.checks = checks;
        this.reader = reader;
        this.writer = writer;
        this.jobs = jobs;
    }

    /** Starts checking a stored asset; answers it as it is now, being checked. */
    public AssetStorage start(int customer, AssetRef ref) {
        storage.backend();
        if (!checks.startChecking(customer, ref)) {
            throw Missing.asset(customer, ref.space(), ref.asset());
        }
        jobs.start(UUID.randomUUID().toString(), KIND, customer, ref.space(), progress -> {
            AssetSize measured = storage.measure(customer, ref.space(), ref.asset());
            progress.total(1);
            String owner = reader.asset(customer, ref).asset().owner();
            MeasuredWrites.apply(writer, customer, List.of(StorageRecord.stored(ref, measured, owner)));
            checks.finishChecking(customer, ref);
            progress.add(1);
            return new CheckResult(measured.size(), measured.thumbnailSize());
        });
        return reader.asset(customer, ref);
    }
}
