package dev.storageledger.ingest;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StorageRecord;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * An event of the records topic: {@code {"customer", "space", "asset", "size", "thumbnailSize"?, "owner"?,
 * "deleted"?, "version"?}}, an asset's storage in absolute figures (or its removal), as the API's storage records
 * carry it. {@code version} (null: none) orders the events of one asset: one not newer than the version applied
 * changes nothing.
 */
record RecordEvent(int customer, StorageRecord record, Long version) {

    private static final Set<String> FIELDS = Set.of("customer", "space", "asset", "size", "thumbnailSize", "owner", "deleted", "version");

    /**
     * @param key the event's key, which must be its customer when there is one (the topic is partitioned by customer)
     */
    static RecordEvent parse(String key, byte[] value) throws BadEvent {
        RecordEvent event = Streamed.parse(key, value);
        return event != null ? event : parseTree(key, value);
    }

    /** The event read as a tree, field by field: slower, and the one that names what is wrong with a bad event. */
    static RecordEvent parseTree(String key, byte[] value) throws BadEvent {
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

    /**
     * The common event read in one pass of tokens, with no tree: null for anything it does not take as plainly valid
     * (a field of an unexpected type or repeated, a value out of range, anything after the object, not JSON), which
     * {@link #parseTree} then reads again to accept it or to name the problem, so both readings agree.
     */
    private static final class Streamed {

        private static final int CUSTOMER = 1;
        private static final int SPACE = 2;
        private static final int ASSET = 4;
        private static final int SIZE = 8;
        private static final int THUMBNAIL_SIZE = 16;
        private static final int OWNER = 32;
        private static final int DELETED = 64;
        private static final int VERSION = 128;

        /** The fields named (a repeated one is not taken), and those of them with a value other than null. */
        private int named;
        private int seen;
        private long customer;
        private long space;
        private String asset;
        private long size;
        private Long thumbnailSize;
        private String owner;
        private boolean deleted;
        private Long version;

        static RecordEvent parse(String key, byte[] value) {
            if (value == null) {
                return null;
            }
            Streamed event = new Streamed();
            try (JsonParser parser = JsonFields.parser(value)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                    if (token != JsonToken.PROPERTY_NAME || !event.field(parser.currentName(), parser)) {
                        return null;
                    }
                }
                if (parser.nextToken() != null) {
                    return null;
                }
            } catch (JacksonException e) {
                return null;
            }
            return event.event(key);
        }

        /** Reads the value of {@code name}: false when it is not taken here. */
        private boolean field(String name, JsonParser parser) {
            int field = switch (name) {
                case "customer" -> CUSTOMER;
                case "space" -> SPACE;
                case "asset" -> ASSET;
                case "size" -> SIZE;
                case "thumbnailSize" -> THUMBNAIL_SIZE;
                case "owner" -> OWNER;
                case "deleted" -> DELETED;
                case "version" -> VERSION;
                default -> 0;
            };
            if (field == 0 || (named & field) != 0) {
                return false;
            }
            named |= field;
            JsonToken token = parser.nextToken();
            if (token == JsonToken.VALUE_NULL) {
                return true;
            }
            seen |= field;
            switch (field) {
                case ASSET, OWNER -> {
                    if (token != JsonToken.VALUE_STRING) {
                        return false;
                    }
                    String text = parser.getString();
                    if (field == ASSET) {
                        asset = text;
                    } else {
                        owner = text;
                    }
                }
                case DELETED -> {
                    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
                        return false;
                    }
                    deleted = token == JsonToken.VALUE_TRUE;
                }
                default -> {
                    if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return false;
                    }
                    long number = parser.getLongValue();
                    switch (field) {
                        case CUSTOMER -> customer = number;
                        case SPACE -> space = number;
                        case SIZE -> size = number;
                        case THUMBNAIL_SIZE -> thumbnailSize = number;
                        default -> version = number;
                    }
                }
            }
            return true;
        }

        /** The event, when its fields are all there and in range: null otherwise. */
        private RecordEvent event(String key) {
            if ((seen & (CUSTOMER | SPACE | ASSET)) != (CUSTOMER | SPACE | ASSET) || customer < 1 || customer > Integer.MAX_VALUE
                    || space < 0 || space > Integer.MAX_VALUE || !JsonFields.isName(asset) || (owner != null && !JsonFields.isName(owner))
                    || (key != null && !key.equals(Long.toString(customer)))) {
                return null;
            }
            AssetRef ref = new AssetRef((int) space, asset);
            if (deleted) {
                return (named & (SIZE | THUMBNAIL_SIZE | OWNER)) != 0 ? null : new RecordEvent((int) customer, StorageRecord.deleted(ref), version);
            }
            if ((seen & SIZE) == 0 || size < 0 || (thumbnailSize != null && thumbnailSize < 0)) {
                return null;
            }
            return new RecordEvent((int) customer, StorageRecord.stored(ref, new AssetSize(size, thumbnailSize == null ? 0 : thumbnailSize), owner),
                    version);
        }
    }

    CustomerAsset asset() {
        return new CustomerAsset(customer, record.ref());
    }

    SpaceKey space() {
        return new SpaceKey(customer, record.ref().space());
    }
}
