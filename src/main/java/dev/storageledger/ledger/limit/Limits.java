package dev.storageledger.ledger.limit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which limit applies to each scope. The database answers raw figures (a scope's policy, a user's quota, plan and
 * packs); these rules turn them into the scope's {@link Limit}, and {@link Admission} decides a change against it.
 */
public final class Limits {

    private Limits() {
    }

    /**
     * A space is limited by its own policy when it has one, and by nothing of its own otherwise; its customer's policy
     * applies on top of it, at the customer's scope, to every write of the space.
     */
    public static Limit space(Optional<Limit.Policy> own) {
        return own.<Limit>map(policy -> policy).orElse(Limit.NONE);
    }

    /** The policy that governs a space, as its storage reports it: its own, or else its customer's. */
    public static String governingPolicy(Optional<String> space, String customer) {
        requireNonNull(customer, "customer is null");
        return space.orElse(customer);
    }

    /**
     * A user's capacity: their quota, else their plan's capacity, else 0 (a user with neither may own nothing that
     * takes room), plus the bytes of the storage packs active at the moment of the write.
     */
    public static Limit.Capacity ownerCapacity(OptionalLong quota, OptionalLong planCapacity, long activePacks) {
        long base = quota.isPresent() ? quota.getAsLong() : planCapacity.orElse(0);
        return new Limit.Capacity(base, activePacks);
    }
}
