package dev.storageledger.ingest;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.storage.StorageLayout;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A bucket notification as MinIO, Ceph RGW and AWS S3 write it ({@code {"Records": [{"eventName", "s3": {"bucket":
 * {"name"}, "object": {"key", "size", "sequencer"}}}]}}): the objects it says were stored or removed, each attributed to
 * an asset's files or thumbnails by the storage layouts. Events of other kinds (reads, tagging, a test event) are
 * left out.
 */
final class BucketNotification {

    /** An object stored ({@code size} set) or removed ({@code size} null) by one event. */
    record ObjectEvent(String bucket, String key, BucketObject.Place place, Long size, String sequencer) {

        BucketObject applied() {
            return new BucketObject(bucket, key, place, size, sequencer);
        }

        BucketObject.Id id() {
            return new BucketObject.Id(place.asset().customer(), bucket, key);
        }
    }

    /** The layouts that attribute keys, the longest prefix first; and the only bucket taken (null: any). */
    record Layouts(StorageLayout files, StorageLayout thumbnails, String bucket) {

        Optional<BucketObject.Place> place(String key) {
            List<StorageLayout> layouts = new ArrayList<>(List.of(files, thumbnails));
            layouts.sort(Comparator.comparingInt((StorageLayout layout) -> layout.prefix().length()).reversed());
            for (StorageLayout layout : layouts) {
                Optional<StorageLayout.Located> located = layout.locate(key);
                if (located.isPresent()) {
                    StorageLayout.Key asset = located.get().key();
                    return Optional.of(new BucketObject.Place(new CustomerAsset(located.get().customer(),
                            new AssetRef(asset.space(), asset.asset())), layout == thumbnails));
                }
            }
            return Optional.empty();
        }
    }

    private BucketNotification() {
    }

    /** The object events of a notification, in its order; none when it reports nothing stored or removed. */
    static List<ObjectEvent> parse(byte[] value, Layouts layouts) throws BadEvent {
        JsonNode message = JsonFields.object(value);
        JsonNode records = message.get("Records");
        if (records == null || records.isNull()) {
            if (message.has("Event") || message.has("EventName")) {
                return List.of(); // AWS's s3:TestEvent, or a message of MinIO's without records
            }
            throw new BadEvent("Records: is required (an S3 event notification)");
        }
        if (!records.isArray()) {
            throw new BadEvent("Records: must be an array, not " + records.getNodeType());
        }
        List<ObjectEvent> events = new ArrayList<>();
        for (int index = 0; index < records.size(); index++) {
            try {
                event(records.get(index), layouts).ifPresent(events::add);
            } catch (BadEvent e) {
                throw new BadEvent("Records[" + index + "]." + e.reason());
            }
        }
        return events;
    }

    private static Optional<ObjectEvent> event(JsonNode record, Layouts layouts) throws BadEvent {
        if (!record.isObject()) {
            throw new BadEvent("is not an object");
        }
        JsonNode name = record.get("eventName");
        if (name == null || !name.isString()) {
            throw new BadEvent("eventName: is required");
        }
        String eventName = name.stringValue().startsWith("s3:") ? name.stringValue().substring(3) : name.stringValue();
        boolean created = eventName.startsWith("ObjectCreated:");
        if (!created && !eventName.startsWith("ObjectRemoved:")) {
            return Optional.empty();
        }
        String bucket = text(record.path("s3").path("bucket").get("name"), "s3.bucket.name");
        if (layouts.bucket() != null && !layouts.bucket().equals(bucket)) {
            throw new BadEvent("s3.bucket.name: '" + bucket + "' is not the ledger's bucket '" + layouts.bucket() + "'");
        }
        JsonNode object = record.path("s3").path("object");
        String encoded = text(object.get("key"), "s3.object.key");
        String key;
        try {
            key = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadEvent("s3.object.key: '" + encoded + "' is not URL-encoded: " + e.getMessage());
        }
        BucketObject.Place place = layouts.place(key)
                .orElseThrow(() -> new BadEvent("s3.object.key: '" + key + "' is outside every storage layout"));
        Long size = created ? size(object.get("size")) : null;
        JsonNode sequencer = object.get("sequencer");
        if (sequencer != null && !sequencer.isNull() && (!sequencer.isString() || !sequencer.stringValue().matches("[0-9A-Fa-f]{1,64}"))) {
            throw new BadEvent("s3.object.sequencer: must be a hexadecimal string, not " + sequencer);
        }
        String order = sequencer == null || sequencer.isNull() ? null : sequencer.stringValue().toUpperCase(Locale.ROOT);
        return Optional.of(new ObjectEvent(bucket, key, place, size, order));
    }

    private static String text(JsonNode node, String field) throws BadEvent {
        if (node == null || !node.isString() || node.stringValue().isEmpty()) {
            throw new BadEvent(field + ": is required");
        }
        return node.stringValue();
    }

    /** An object's size: a number, or the digits of one as text. */
    private static long size(JsonNode node) throws BadEvent {
        if (node == null || node.isNull()) {
            throw new BadEvent("s3.object.size: is required for a created object");
        }
        long size;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            size = node.longValue();
        } else if (node.isString() && node.stringValue().matches("-?[0-9]{1,19}")) {
            try {
                size = Long.parseLong(node.stringValue());
            } catch (NumberFormatException e) {
                throw new BadEvent("s3.object.size: must be an integer, not " + node);
            }
        } else {
            throw new BadEvent("s3.object.size: must be an integer, not " + node);
        }
        if (size < 0) {
            throw new BadEvent("s3.object.size: must be at least 0, not " + size + " (negative)");
        }
        return size;
    }

    /**
     * Whether an event with sequencer {@code incoming} comes after the one applied with {@code applied}: S3's rule is
     * to right-pad the shorter with zeros and compare them as text; an event without one is taken in the topic's order.
     */
    static boolean isNewer(String incoming, String applied) {
        if (incoming == null || applied == null) {
            return true;
        }
        int length = Math.max(incoming.length(), applied.length());
        return pad(incoming, length).compareTo(pad(applied, length)) > 0;
    }

    private static String pad(String sequencer, int length) {
        return sequencer + "0".repeat(length - sequencer.length());
    }
}
