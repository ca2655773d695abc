package dev.storageledger.ingest;

import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import dev.storageledger.ledger.writer.LedgerWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The bucket-notifications topic. The ledger keeps each object's size and the sequencer of the newest event applied to
 * it: an overwrite replaces the size, a removal takes out exactly what was stored, and an event whose sequencer is not
 * after the one applied changes nothing (a late create after a remove included). An asset's figures are the sums of
 * its stored objects, files and thumbnails apart; it exists while at least one is stored. The assets that a poll's
 * events change are written as one write group, whatever the limits (the bytes are stored already), keeping their
 * owners.
 */
final class BucketEvents implements Events {

    private final IngestRepository rows;
    private final BucketNotification.Layouts layouts;

    BucketEvents(IngestRepository rows, BucketNotification.Layouts layouts) {
        this.rows = rows;
        this.layouts = layouts;
    }

    private record Parsed(ConsumerRecord<byte[], byte[]> source, List<BucketNotification.ObjectEvent> objects) {
    }

    @Override
    public Result apply(List<ConsumerRecord<byte[], byte[]>> events, LedgerWriter.Transaction transaction) {
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        int[] unchanged = {0};
        for (ConsumerRecord<byte[], byte[]> source : events) {
            try {
                List<BucketNotification.ObjectEvent> objects = BucketNotification.parse(source.value(), layouts);
                if (objects.isEmpty()) {
                    unchanged[0]++;
                } else {
                    parsed.add(new Parsed(source, objects));
                }
            } catch (BadEvent bad) {
                deadLetters.add(new DeadLetter(source, bad.reason()));
            }
        }
        SortedSet<SpaceKey> spaces = new TreeSet<>();
        SortedSet<Integer> customers = new TreeSet<>();
        for (Parsed notification : parsed) {
            for (BucketNotification.ObjectEvent object : notification.objects()) {
                CustomerAsset asset = object.place().asset();
                spaces.add(new SpaceKey(asset.customer(), asset.ref().space()));
                customers.add(asset.customer());
            }
        }
        // Filled under the locks: each asset written, the notifications that changed it, and its objects as they now stand.
        List<CustomerAsset> written = new ArrayList<>();
        Map<CustomerAsset, Set<ConsumerRecord<byte[], byte[]>>> sources = new HashMap<>();
        Map<CustomerAsset, List<BucketObject>> changedObjects = new HashMap<>();
        int[] applied = {0};
        List<WriteOutcome> outcomes = transaction.apply(spaces, customers, locked -> {
            List<Parsed> known = new ArrayList<>();
            for (Parsed notification : parsed) {
                String unknown = unknownScope(notification, locked);
                if (unknown == null) {
                    known.add(notification);
                } else {
                    deadLetters.add(new DeadLetter(notification.source(), unknown));
                }
            }
            Set<CustomerAsset> named = new LinkedHashSet<>();
            known.forEach(notification -> notification.objects().forEach(object -> named.add(object.place().asset())));
            Map<BucketObject.Id, BucketObject> objects = new LinkedHashMap<>();
            rows.objectsOf(named).forEach(object -> objects.put(object.id(), object));
            Map<CustomerAsset, Integer> appliedByAsset = new HashMap<>();
            for (Parsed notification : known) {
                for (BucketNotification.ObjectEvent event : notification.objects()) {
                    BucketObject current = objects.get(event.id());
                    if (current != null && !BucketNotification.isNewer(event.sequencer(), current.sequencer())) {
                        unchanged[0]++;
                        continue;
                    }
                    BucketObject now = event.applied();
                    objects.put(event.id(), now);
                    CustomerAsset asset = event.place().asset();
                    changedObjects.computeIfAbsent(asset, unused -> new ArrayList<>()).add(now);
                    sources.computeIfAbsent(asset, unused -> new LinkedHashSet<>()).add(notification.source());
                    appliedByAsset.merge(asset, 1, Integer::sum);
                }
            }
            Map<CustomerAsset, String> owners = rows.owners(changedObjects.keySet());
            Map<CustomerAsset, List<BucketObject>> byAsset = new HashMap<>();
            objects.values().forEach(object -> byAsset.computeIfAbsent(object.place().asset(), unused -> new ArrayList<>()).add(object));
            List<Write> writes = new ArrayList<>();
            for (CustomerAsset asset : changedObjects.keySet().stream().sorted().toList()) {
                StorageRecord record;
                try {
                    record = record(asset, byAsset.get(asset), owners.get(asset));
                } catch (ArithmeticException overflow) {
                    sources.get(asset).forEach(source -> deadLetters.add(new DeadLetter(source,
                            "the sizes of asset " + asset.ref().asset() + "'s objects add up past 9223372036854775807")));
                    continue;
                }
                written.add(asset);
                writes.add(Write.measured(asset.customer(), List.of(record)));
            }
            written.forEach(asset -> applied[0] += appliedByAsset.get(asset));
            return writes;
        });
        List<BucketObject> saved = new ArrayList<>();
        for (int index = 0; index < outcomes.size(); index++) {
            CustomerAsset asset = written.get(index);
            if (outcomes.get(index) instanceof WriteOutcome.Applied) {
                saved.addAll(changedObjects.get(asset));
            } else {
                applied[0] -= changedObjects.get(asset).size();
                String reason = Refusals.reason(outcomes.get(index));
                sources.get(asset).forEach(source -> deadLetters.add(new DeadLetter(source, reason)));
            }
        }
        // An object changed twice in the poll: its last state is the one kept.
        Map<BucketObject.Id, BucketObject> last = new LinkedHashMap<>();
        saved.forEach(object -> last.put(object.id(), object));
        rows.saveObjects(last.values());
        return new Result(applied[0], unchanged[0], deadLetters);
    }

    /** Why a notification cannot be applied: an object of it attributed to a customer or space that does not exist; null when all exist. */
    private static String unknownScope(Parsed notification, LedgerWriter.LockedScopes locked) {
        for (BucketNotification.ObjectEvent object : notification.objects()) {
            CustomerAsset asset = object.place().asset();
            if (!locked.customers().contains(asset.customer())) {
                return "s3.object.key: '" + object.key() + "' is of unknown customer " + asset.customer();
            }
            if (!locked.spaces().contains(new SpaceKey(asset.customer(), asset.ref().space()))) {
                return "s3.object.key: '" + object.key() + "' is of unknown space " + asset.ref().space() + " of customer " + asset.customer();
            }
        }
        return null;
    }

    /** An asset's record: the sums of its stored objects, files and thumbnails apart, with its owner; its removal when none is stored. */
    private static StorageRecord record(CustomerAsset asset, Iterable<BucketObject> objects, String owner) {
        long size = 0;
        long thumbnails = 0;
        boolean stored = false;
        for (BucketObject object : objects) {
            if (object.stored()) {
                stored = true;
                if (object.place().thumbnail()) {
                    thumbnails = Math.addExact(thumbnails, object.size());
                } else {
                    size = Math.addExact(size, object.size());
                }
            }
        }
        return stored ? StorageRecord.stored(asset.ref(), new AssetSize(size, thumbnails), owner) : StorageRecord.deleted(asset.ref());
    }
}
