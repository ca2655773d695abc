package dev.storageledger.security;

import dev.storageledger.account.Role;
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

    /**
     * 403 unless the caller may read this customer's resources: the administrator, a key of this customer, or an
     * organisation administrator of this customer (a user signed in with a bearer token). Writes keep
     * {@link #requireCustomer}: a user's token writes nothing here.
     */
    public static void requireReader(int customer) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Object principal = authentication == null ? null : authentication.getPrincipal();
        boolean allowed = switch (principal) {
            case Caller caller -> caller.mayRead(customer);
            case UserPrincipal user -> user.customer() == customer && user.has(Role.ORGANISATION_ADMINISTRATOR);
            case null, default -> false;
        };
        if (!allowed) {
            throw Failure.forbidden("Only the administrator, a key of customer " + customer
                    + " or an organisation administrator of it may read this customer's resources");
        }
    }

    /** 403 unless the caller may read this customer's resources ({@link #requireReader}) or is this very user. */
    public static void requireUserReader(int customer, String user) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof UserPrincipal principal
                && principal.customer() == customer && principal.user().equals(user)) {
            return;
        }
        requireReader(customer);
    }
}
