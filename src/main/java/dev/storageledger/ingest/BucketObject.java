package dev.storageledger.ingest;

import dev.storageledger.ledger.CustomerAsset;

/**
 * An object of a bucket as the ledger last heard of it: where the layouts put it, its size (null once removed) and
 * the sequencer of the event that said so (null when the store sent none).
 */
record BucketObject(String bucket, String key, Place place, Long size, String sequencer) {

    /** The asset an object belongs to, and whether it is one of its thumbnails rather than one of its files. */
    record Place(CustomerAsset asset, boolean thumbnail) {
    }

    /** The object's identity: its customer, bucket and key. */
    record Id(int customer, String bucket, String key) {
    }

    Id id() {
        return new Id(place.asset().customer(), bucket, key);
    }

    boolean stored() {
        return size != null;
    }
}
