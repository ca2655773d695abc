package dev.storageledger.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * A user of a customer, as the API shows them: never their password. Their base capacity is their quota when
 * set, else their plan's capacity, else 0.
 *
 * @param email null only for a user made from an asset's owner by the accounts migration
 * @param plan  a plan id, or null
 * @param quota bytes, or null
 */
public record User(int customer, String id, String name, String email, Set<Role> roles, String plan, Long quota,
        Instant createdAt) {

    public User {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        roles = Set.copyOf(roles);
    }
}
