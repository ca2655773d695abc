package dev.storageledger.audit;

import dev.storageledger.customer.CustomerService;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.ledger.writer.LedgerWriter;
import dev.storageledger.storage.RealStorage;
import dev.storageledger.storage.StorageBackend;
import dev.storageledger.storage.StorageLayout;
import dev.storageledger.webhook.EventType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciliation of a customer or a space against the real storage: assets whose measured size differs
 * from the ledger, assets in the ledger with nothing stored, and stored objects the ledger does not know (orphans),
 * with their sizes. A dry run by default; the apply mode brings the ledger to what was measured (whatever the
 * limits: the bytes are stored already). The ledger's records and the storage's listings are merged as three sorted
 * streams, so memory stays flat however many objects there are; the reported lists keep the first 1,000 of each
 * kind, the counts and sizes are complete.
 */
@Service
public class Reconciler {

    static final Job.Kind KIND = Job.Kind.RECONCILIATION;
    static final int LISTED = 1_000;
    private static final int APPLY_BATCH = 1_000;

    private final RealStorage storage;
    private final ReconciliationRepository records;
    private final LedgerWriter writer;
    private final CustomerService customers;
    private final StorageReader reader;
    private final Jobs jobs;
    private final TransactionTemplate readOnly;

    Reconciler(RealStorage storage, ReconciliationRepository records, LedgerWriter writer, CustomerService customers,
            StorageReader reader, Jobs jobs, PlatformTransactionManager transactionManager) {
        this.storage = storage;
        this.records = records;
        this.writer = writer;
        this.customers = customers;
        this.reader = reader;
        this.jobs = jobs;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    public Job start(int customer, Integer space, boolean apply) {
        storage.backend();
        customers.get(customer);
        if (space != null) {
            customers.getSpace(customer, space);
        }
        return jobs.start(UUID.randomUUID().toString(), KIND, customer, space, progress -> run(customer, space, apply, progress));
    }

    /** One kind of difference: how many, their bytes (measured for orphans, recorded for missing ones), the first ones. */
    private static final class Finding {
        long count;
        long size;
        long thumbnailSize;
        final List<ReconciliationResult.Item> items = new ArrayList<>();

        void add(ReconciliationResult.Item item, AssetSize bytes) {
            count++;
            size += bytes.size();
            thumbnailSize += bytes.thumbnailSize();
            if (items.size() < LISTED) {
                items.add(item);
            }
        }

        ReconciliationResult.Differences report() {
            return new ReconciliationResult.Differences(count, size, thumbnailSize, items);
        }
    }

    private ReconciliationResult run(int customer, Integer space, boolean apply, Jobs.Progress progress) {
        progress.total(space == null ? reader.customer(customer).usage().images() : reader.space(customer, space).usage().images());
        Finding mismatched = new Finding();
        Finding missing = new Finding();
        Finding orphans = new Finding();
        long[] matching = {0};
        List<StorageRecord> corrections = new ArrayList<>();
        long[] applied = {0};
        readOnly.executeWithoutResult(status -> {
            try (Stream<ReconciliationRepository.Recorded> recorded = records.assets(customer, space);
                 StorageBackend.Listing fileObjects = storage.backend().list(storage.files().scope(customer, space));
                 StorageBackend.Listing thumbnailObjects = storage.backend().list(storage.thumbnails().scope(customer, space))) {
                Peeking<ReconciliationRepository.Recorded> ledger = new Peeking<>(recorded.iterator(),
                        ReconciliationRepository.Recorded::sortKey);
                Peeking<Measured> files = new Peeking<>(measured(fileObjects, space), Measured::sortKey);
                Peeking<Measured> thumbnails = new Peeking<>(measured(thumbnailObjects, space), Measured::sortKey);
                while (ledger.key() != null || files.key() != null || thumbnails.key() != null) {
                    String key = min(ledger.key(), files.key(), thumbnails.key());
                    ReconciliationRepository.Recorded record = ledger.takeAt(key);
                    Measured file = files.takeAt(key);
                    Measured thumbnail = thumbnails.takeAt(key);
                    StorageLayout.Key asset = record != null ? new StorageLayout.Key(record.space(), record.asset())
                            : file != null ? file.key() : thumbnail.key();
                    AssetSize measured = new AssetSize(file == null ? 0 : file.bytes(), thumbnail == null ? 0 : thumbnail.bytes());
                    AssetRef ref = new AssetRef(asset.space(), asset.asset());
                    StorageRecord correction = null;
                    if (record != null && (file != null || thumbnail != null)) {
                        if (record.size().equals(measured)) {
                            matching[0]++;
                        } else {
                            mismatched.add(item(asset, record.size(), measured), measured);
                            correction = StorageRecord.stored(ref, measured, record.owner());
                        }
                    } else if (record != null) {
                        missing.add(item(asset, record.size(), null), record.size());
                        correction = StorageRecord.deleted(ref);
                    } else {
                        orphans.add(item(asset, null, measured), measured);
                        correction = StorageRecord.stored(ref, measured, null);
                    }
                    progress.add(1);
                    if (apply && correction != null) {
                        corrections.add(correction);
                        if (corrections.size() == APPLY_BATCH) {
                            applied[0] += applyBatch(customer, corrections);
                            corrections.clear();
                        }
                    }
                }
            }
        });
        applied[0] += corrections.isEmpty() ? 0 : applyBatch(customer, corrections);
        ReconciliationResult result = new ReconciliationResult(ReconciliationResult.Mode.of(apply), matching[0], mismatched.report(),
                missing.report(), orphans.report(), applied[0]);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("space", space);
        data.put("mode", result.mode().id());
        data.put("matching", result.matching());
        data.put("mismatched", result.mismatched().count());
        data.put("missing", result.missing().count());
        data.put("orphans", result.orphans().count());
        data.put("applied", result.applied());
        progress.announce(EventType.RECONCILIATION_FINISHED, customer, data);
        return result;
    }

    private int applyBatch(int customer, List<StorageRecord> corrections) {
        MeasuredWrites.apply(writer, customer, corrections);
        return corrections.size();
    }

    private static ReconciliationResult.Item item(StorageLayout.Key asset, AssetSize recorded, AssetSize measured) {
        return new ReconciliationResult.Item(asset.space(), asset.asset(), recorded == null ? null : recorded.size(),
                recorded == null ? null : recorded.thumbnailSize(), measured == null ? null : measured.size(),
                measured == null ? null : measured.thumbnailSize());
    }

    private static String min(String... keys) {
        String min = null;
        for (String key : keys) {
            if (key != null && (min == null || key.compareTo(min) < 0)) {
                min = key;
            }
        }
        return min;
    }

    /** One asset's bytes in one layout, summed from its objects. */
    private record Measured(StorageLayout.Key key, long bytes, String sortKey) {

        Measured(StorageLayout.Key key, long bytes) {
            this(key, bytes, key.sortKey());
        }
    }

    /**
     * The objects of a scope in one layout, summed per asset as they stream by (an asset's objects come together). A
     * key under the folder of the asset being summed is added without being parsed again.
     */
    private static Iterator<Measured> measured(Iterator<StorageBackend.StoredObject> objects, Integer space) {
        String spacePrefix = space == null ? "" : space + "/";
        return new Iterator<>() {
            private Measured pending;
            private Measured next = advance();

            private Measured advance() {
                while (objects.hasNext()) {
                    StorageBackend.StoredObject object = objects.next();
                    String relative = spacePrefix + object.key();
                    if (pending != null && inFolder(relative, pending.sortKey())) {
                        pending = new Measured(pending.key(), pending.bytes() + object.size(), pending.sortKey());
                        continue;
                    }
                    Optional<StorageLayout.Key> key = StorageLayout.parse(relative);
                    if (key.isEmpty()) {
                        continue; // not inside an asset's folder
                    }
                    if (pending != null && pending.key().equals(key.get())) {
                        pending = new Measured(pending.key(), pending.bytes() + object.size(), pending.sortKey());
                        continue;
                    }
                    Measured done = pending;
                    pending = new Measured(key.get(), object.size());
                    if (done != null) {
                        return done;
                    }
                }
                Measured done = pending;
                pending = null;
                return done;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Measured next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Measured current = next;
                next = advance();
                return current;
            }
        };
    }

    /**
     * Whether a key lies under an asset's folder ("space/asset/") as {@link StorageLayout#parse} would place it: its
     * rest holds no line terminator (which the parse's pattern does not match either).
     */
    static boolean inFolder(String key, String folder) {
        if (!key.startsWith(folder)) {
            return false;
        }
        for (int i = folder.length(); i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /** A sorted stream whose next element's key can be looked at first (null at the end). */
    private static final class Peeking<T> {
        private final Iterator<T> iterator;
        private final Function<T, String> keyOf;
        private T head;

        Peeking(Iterator<T> iterator, Function<T, String> keyOf) {
            this.iterator = iterator;
            this.keyOf = keyOf;
            this.head = iterator.hasNext() ? iterator.next() : null;
        }

        String key() {
            return head == null ? null : keyOf.apply(head);
        }

        /** The next element when its key is {@code key} (and the stream moves on), or else null. */
        T takeAt(String key) {
            if (head == null || !keyOf.apply(head).equals(key)) {
                return null;
            }
            T current = head;
            head = iterator.hasNext() ? iterator.next() : null;
            return current;
        }
    }
}
