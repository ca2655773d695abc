package dev.storageledger.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * What reads found in the database, kept in memory and answered again while no change of their customer has been
 * announced since ({@link ChangeNotices}). Never staler than the database: each answer from memory first waits for
 * the fence, so every write acknowledged before the read has been applied; without the listener, every read goes to
 * the database. At most {@code capacity} entries: when full, everything is dropped and filled again by the reads.
 * What the database does not hold (a 404) is not kept.
 */
public final class ReadCache {

    private record Entry(Object value, int customer, long mark) {
    }

    private final ChangeNotices notices;
    private final int capacity;
    private final ConcurrentHashMap<Object, Entry> entries = new ConcurrentHashMap<>();
    private final Counter fromMemory;
    private final Counter fromDatabase;

    /** @param capacity the most entries kept; 0 keeps none, and every read goes to the database */
    ReadCache(ChangeNotices notices, int capacity, MeterRegistry meters) {
        this.notices = notices;
        this.capacity = capacity;
        this.fromMemory = answers(meters, "memory");
        this.fromDatabase = answers(meters, "database");
        Gauge.builder("ledger.read.cache.entries", entries, ConcurrentHashMap::size)
                .description("Reads kept in memory")
                .register(meters);
    }

    private static Counter answers(MeterRegistry meters, String from) {
        return Counter.builder("ledger.read.cache")
                .description("Reads of figures, keys and sessions, by where they were answered from")
                .tag("answer", from)
                .register(meters);
    }

    /** A cache that keeps nothing: every read goes to the database. */
    public static ReadCache off() {
        return new ReadCache(null, 0, new SimpleMeterRegistry());
    }

    /** A read of one customer's rows: {@code key} names it, its equals and hashCode tell reads apart. */
    public <V> Optional<V> read(Object key, int customer, Supplier<Optional<V>> load) {
        return read(key, value -> customer, value -> true, load);
    }

    /**
     * A read whose customer is known from what it finds (a key's), and which is kept only when {@code lasting} says
     * so (what will not change without a write: not an answer that time alone changes).
     */
    @SuppressWarnings("unchecked")
    public <V> Optional<V> read(Object key, ToIntFunction<V> customerOf, Predicate<V> lasting, Supplier<Optional<V>> load) {
        if (capacity == 0 || !notices.fence()) {
            fromDatabase.increment();
            return load.get();
        }
        Entry kept = entries.get(key);
        if (kept != null && notices.unchangedSince(kept.customer(), kept.mark())) {
            fromMemory.increment();
            return Optional.of((V) kept.value());
        }
        fromDatabase.increment();
        long mark = notices.mark(); // before the database is read: a change announced after it makes the entry stale
        Optional<V> found = load.get();
        found.filter(lasting).ifPresentOrElse(value -> {
            if (entries.size() >= capacity) {
                entries.clear();
            }
            entries.put(key, new Entry(value, customerOf.applyAsInt(value), mark));
        }, () -> entries.remove(key));
        return found;
    }
}
