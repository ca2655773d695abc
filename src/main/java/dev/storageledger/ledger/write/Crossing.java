package dev.storageledger.ledger.write;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Fullness;
import dev.storageledger.ledger.limit.Limit;
import java.util.ArrayList;
import java.util.List;

/**
 * A limit of a scope whose state a group of writes changed: from how full it was when the group locked it to how full
 * it is after the group's accepted writes.
 *
 * @param limit    numberOfStoredImages or totalSizeOfStoredImages (a storage policy's), or used (a user's capacity)
 * @param policy   the storage policy, or null for a capacity
 * @param used     what is stored after the group
 * @param reserved what live reservations hold after the group
 */
public record Crossing(Scope scope, String limit, String policy, long maximum, long used, long reserved, Fullness from, Fullness to) {

    public Crossing {
        requireNonNull(scope, "scope is null");
        requireNonNull(limit, "limit is null");
        requireNonNull(from, "from is null");
        requireNonNull(to, "to is null");
    }

    /** What is stored and reserved, over the maximum. */
    public double fractionUsed() {
        return Fullness.fraction(Fullness.taken(used, reserved), maximum);
    }

    /** The limits of a scope whose state differs between {@code before} and {@code after}. */
    static List<Crossing> between(Scope scope, ScopeState before, ScopeState after, Fullness.Thresholds thresholds) {
        List<Crossing> crossings = new ArrayList<>(2);
        switch (after.limit()) {
            case Limit.None none -> {
            }
            case Limit.Policy policy -> {
                add(crossings, scope, "numberOfStoredImages", policy.policy(), policy.maximumImages(), Usage::images, before, after, thresholds);
                add(crossings, scope, "totalSizeOfStoredImages", policy.policy(), policy.maximumSize(), Usage::size, before, after, thresholds);
            }
            case Limit.Capacity capacity -> add(crossings, scope, "used", null, capacity.total(), Usage::bytesUsed, before, after, thresholds);
        }
        return crossings;
    }

    private static void add(List<Crossing> crossings, Scope scope, String limit, String policy, long maximum,
            java.util.function.ToLongFunction<Usage> figure, ScopeState before, ScopeState after, Fullness.Thresholds thresholds) {
        Fullness from = Fullness.of(Fullness.taken(figure.applyAsLong(before.usage()), figure.applyAsLong(before.reserved())), maximum,
                thresholds);
        long used = figure.applyAsLong(after.usage());
        long reserved = figure.applyAsLong(after.reserved());
        Fullness to = Fullness.of(Fullness.taken(used, reserved), maximum, thresholds);
        if (from != to) {
            crossings.add(new Crossing(scope, limit, policy, maximum, used, reserved, from, to));
        }
    }
}
