package dev.storageledger.security;

import dev.storageledger.account.Role;
import dev.storageledger.failure.Failure;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The customer-scoped half of authorisation: SecurityConfiguration lets only the administrator write, and
 * these checks let a customer's key reach only its own customer, and a user (with a bearer token) read only what
 * their role lets them: an organisation administrator their customer's figures, anyone their own.
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
     * For reads of a customer's resources: 403 unless the caller is the administrator, holds a key of this customer,
     * or is a user of it with the organisation administrator's role.
     */
    public static void requireReader(int customer) {
        if (!mayRead(customer, null)) {
            throw Failure.forbidden("Only the administrator, a key of customer " + customer
                    + " or an organisation administrator of it may read this customer's resources");
        }
    }

    /** For reads of a user's own resources: as {@link #requireReader}, and that user themself. */
    public static void requireUserReader(int customer, String user) {
        if (!mayRead(customer, user)) {
            throw Failure.forbidden("Only the administrator, a key of customer " + customer
                    + ", an organisation administrator of it or the user '" + user + "' may read this user's resources");
        }
    }

    private static boolean mayRead(int customer, String user) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Object principal = authentication == null ? null : authentication.getPrincipal();
        return switch (principal) {
            case Caller caller -> caller.mayRead(customer);
            case UserPrincipal signedIn -> signedIn.customer() == customer
                    && (signedIn.has(Role.ORGANISATION_ADMINISTRATOR) || signedIn.user().equals(user));
            case null, default -> false;
        };
    }
}
