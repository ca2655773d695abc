package dev.storageledger.security;

import dev.storageledger.failure.Failure;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The customer-scoped half of authorisation: SecurityConfiguration lets only the administrator write, and
 * these checks let a customer's key reach only its own customer.
 */
public final class Access {

    private Access() {
    }

    public static Caller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw Failure.forbidden("This request has no caller with a key");
    }

    /** 403 unless the caller is the administrator or holds a key of this customer. */
    public static Caller requireCustomer(int customer) {
        Caller caller = caller();
        if (!caller.mayRead(customer)) {
            throw Failure.forbidden("Only the administrator or a key of customer " + customer
                    + " may access this customer's resources");
        }
        return caller;
    }
}
