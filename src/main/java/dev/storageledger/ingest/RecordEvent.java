package dev.storageledger.ingest;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StorageRecord;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * An event of the records topic: {@code {"customer", "space", "asset", "size", "thumbnailSize"?, "owner"?,
 * "deleted"?, "version"?}}, an asset's storage in absolute figures (or its removal), as the API's storage records
 * carry it. {@code version} (null: none) orders the events of one asset: one not newer than the version applied
 * changes nothing.
 */
record RecordEvent(int customer, StorageRecord record, Long version) {

    private static final Set<String> FIELDS = Set.of("customer", "space", "asset", "size", "thumbnailSize", "owner", "deleted", "version");

    /** @param key the event's key, which must be its customer when there is one (the topic is partitioned by customer) */
    static RecordEvent parse(String key, byte[] value) throws BadEvent {
        JsonNode object = JsonFields.object(value);
        for (String field : object.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new BadEvent(field + ": is not a field of a storage record (" + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        int customer = (int) JsonFields.integer(object, "customer", 1, Integer.MAX_VALUE);
        int space = (int) JsonFields.integer(object, "space", 0, Integer.MAX_VALUE);
        String asset = JsonFields.name(object, "asset", true);
        if (key != null && !key.equals(Integer.toString(customer))) {
            throw new BadEvent("the key '" + key + "' is not the event's customer " + customer + " (the topic is keyed by customer)");
        }
        Long version = JsonFields.optionalInteger(object, "version", Long.MIN_VALUE);
        AssetRef ref = new AssetRef(space, asset);
        if (JsonFields.flag(object, "deleted")) {
            for (String field : new String[] {"size", "thumbnailSize", "owner"}) {
                if (object.has(field)) {
                    throw new BadEvent(field + ": a removal (\"deleted\": true) carries no " + field);
                }
            }
            return new RecordEvent(customer, StorageRecord.deleted(ref), version);
        }
        long size = JsonFields.integer(object, "size", 0, Long.MAX_VALUE);
        Long thumbnailSize = JsonFields.optionalInteger(object, "thumbnailSize", 0);
        String owner = JsonFields.name(object, "owner", false);
        return new RecordEvent(customer, StorageRecord.stored(ref, new AssetSize(size, thumbnailSize == null ? 0 : thumbnailSize), owner),
                version);
    }

    CustomerAsset asset() {
        return new CustomerAsset(customer, record.ref());
    }

    SpaceKey space() {
        return new SpaceKey(customer, record.ref().space());
    }
}
