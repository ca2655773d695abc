package dev.storageledger.storage;

import java.util.Iterator;

/** Where the platform really keeps assets' files: a filesystem or an S3-compatible bucket. */
public interface StorageBackend {

    /** One stored object: its key relative to the listed prefix, and its size in bytes. */
    record StoredObject(String key, long size) {
    }

    /** The bytes of every object under {@code prefix}. */
    long bytesUnder(String prefix);

    /**
     * Every object under {@code prefix}, lazily, in the order of their keys with "/" between folders compared as a
     * character (so that "a-b/" comes before "a/", as in a bucket's listing). The caller closes it (a listing may read
     * ahead on threads of its own).
     */
    Listing list(String prefix);

    /** Objects in key order, as {@link #list} answers them; closing it stops any reading ahead. */
    interface Listing extends Iterator<StoredObject>, AutoCloseable {

        @Override
        default void close() {
        }

        /** A listing that holds nothing to close. */
        static Listing of(Iterator<StoredObject> objects) {
            return new Listing() {
                @Override
                public boolean hasNext() {
                    return objects.hasNext();
                }

                @Override
                public StoredObject next() {
                    return objects.next();
                }
            };
        }
    }
}
