package dev.storageledger.audit;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.postgres.LedgerRepository;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.ledger.writer.StorageRecorder;
import dev.storageledger.storage.RealStorage;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A check of one asset against the real storage (issue 6): while it runs the asset's ImageStorage says
 * checkingInProgress; then its size and thumbnailSize are what its files and thumbnails measure, lastChecked is
 * the moment, and every total has moved with them in the write's one transaction.
 */
@Service
public class AssetChecker {

    static final Job.Kind KIND = Job.Kind.CHECK;

    private final RealStorage storage;
    private final LedgerRepository ledger;
    private final StorageReader reader;
    private final StorageRecorder recorder;
    private final Jobs jobs;

    AssetChecker(RealStorage storage, LedgerRepository ledger, StorageReader reader, StorageRecorder recorder, Jobs jobs) {
        this.storage = storage;
        this.ledger = ledger;
        this.reader = reader;
        this.recorder = recorder;
        this.jobs = jobs;
    }

    /** Starts checking a stored asset; answers it as it is now, being checked. */
    public LedgerRepository.AssetStorage start(int customer, AssetRef ref) {
        storage.backend();
        if (!ledger.startChecking(customer, ref)) {
            throw StorageReader.assetNotFound(customer, ref);
        }
        jobs.start(UUID.randomUUID().toString(), KIND, customer, ref.space(), progress -> {
            AssetSize measured = storage.measure(customer, ref.space(), ref.asset());
            progress.total(1);
            String owner = reader.asset(customer, ref).asset().owner();
            recorder.applyMeasured(customer, List.of(StorageRecord.stored(ref, measured, owner)));
            ledger.finishChecking(customer, ref);
            progress.add(1);
            return new CheckResult(measured.size(), measured.thumbnailSize());
        });
        return reader.asset(customer, ref);
    }
}
