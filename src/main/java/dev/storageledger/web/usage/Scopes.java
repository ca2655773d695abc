package dev.storageledger.web.usage;

import dev.storageledger.ledger.Scope;
import dev.storageledger.security.Access;
import dev.storageledger.web.Ids;

/**
 * The scopes that usage over time is read for, from their paths: by the administrator, a key of the customer or an
 * organisation administrator of it; a user's also by that user.
 */
final class Scopes {

    static final String CUSTOMER = "/customers/{customer}";
    static final String SPACE = "/customers/{customer}/spaces/{space}";
    static final String USER = "/customers/{customer}/users/{user}";

    private Scopes() {
    }

    static Scope customer(String customerId) {
        int customer = Ids.customer(customerId);
        Access.requireReader(customer);
        return new Scope.Customer(customer);
    }

    static Scope space(String customerId, String spaceId) {
        Scope.Space space = new Scope.Space(Ids.customer(customerId), Ids.space(spaceId));
        Access.requireReader(space.customer());
        return space;
    }

    static Scope user(String customerId, String userId) {
        Scope.Owner user = new Scope.Owner(Ids.customer(customerId), Ids.name("user", userId));
        Access.requireUserReader(user.customer(), user.user());
        return user;
    }
}
