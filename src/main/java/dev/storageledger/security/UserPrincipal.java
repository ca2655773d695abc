package dev.storageledger.security;

import static java.util.Objects.requireNonNull;

import dev.storageledger.account.Role;
import java.util.Set;

/** A user who presented a valid bearer token: who they are now, with the roles they have now. */
public record UserPrincipal(int customer, String user, Set<Role> roles) {

    public UserPrincipal {
        requireNonNull(user, "user is null");
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
