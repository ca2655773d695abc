package dev.storageledger.ledger.cache;

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
 *
 * <p>A request that only reads waits for the fence once: its reads run in a {@link #readsOfOneRequest() scope}, and
 * the first one's fence serves the others, which keeps each answer no older than the writes acknowledged before the
 * request arrived. Never in a request that writes: its own write is acknowledged after that fence.
 */
public final class ReadCache {

    private record Entry(Object value, int customer, long mark) {
    }

    private final ChangeNotices notices;
    private final int capacity;
    private final ConcurrentHashMap<Object, Entry> entries = new ConcurrentHashMap<>();
    /** The fence of the reads of the request this thread serves, if it runs in a scope. */
    private final ThreadLocal<Scope> scope = new ThreadLocal<>();
    private final Counter fromMemory;
    private final Counter fromDatabase;
    private final Counter fences;

    /** @param capacity the most entries kept; 0 keeps none, and every read goes to the database */
    ReadCache(ChangeNotices notices, int capacity, MeterRegistry meters) {
        this.notices = notices;
        this.capacity = capacity;
        this.fromMemory = answers(meters, "memory");
        this.fromDatabase = answers(meters, "database");
        this.fences = Counter.builder("ledger.read.cache.fences")
                .description("Waits of reads for the change notices they may have missed; one per request that only reads")
                .register(meters);
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
        if (capacity == 0 || !fenced()) {
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

    /** Whether every write acknowledged before this read (or before its scope opened) has been applied here. */
    private boolean fenced() {
        Scope reads = scope.get();
        if (reads == null) {
            return fence();
        }
        if (reads.fenced == null) {
            reads.fenced = fence(); // a fence that failed is not waited for again in the same request
        }
        return reads.fenced;
    }

    private boolean fence() {
        fences.increment();
        return notices.fence();
    }

    /**
     * Opens the scope of the reads of one request on this thread, until closed: they share one fence. Only for a
     * request that writes nothing (see the class's comment).
     */
    public Scope readsOfOneRequest() {
        Scope reads = new Scope();
        scope.set(reads);
        return reads;
    }

    /** The reads of one request; closed when it has been answered. */
    public final class Scope implements AutoCloseable {

        private Boolean fenced;

        private Scope() {
        }

        @Override
        public void close() {
            scope.remove();
        }
    }
}
