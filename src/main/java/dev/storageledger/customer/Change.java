package dev.storageledger.customer;

/**
 * A field a partial change (a JSON Merge Patch) sets to {@code value}, which may be null where the field may be
 * absent; a field the change leaves alone has no Change at all (null).
 */
public record Change<T>(T value) {

    static boolean named(Change<?> change) {
        return change != null;
    }

    static <T> T value(Change<T> change) {
        return change == null ? null : change.value();
    }
}
