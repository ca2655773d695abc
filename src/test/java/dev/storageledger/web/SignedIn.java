package dev.storageledger.web;

import dev.storageledger.security.Caller;
import dev.storageledger.security.UserPrincipal;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who a web-slice test's requests come from, put in the security context as the security filters would put them
 * (MockMvc runs each request on the test's thread). {@link #nobody()} after each test.
 */
public final class SignedIn {

    private SignedIn() {
    }

    /** The administrator's key. */
    public static void asTheAdministrator() {
        as(Caller.admin("admin"), "ROLE_ADMIN");
    }

    /** A key of one customer. */
    public static void asAKeyOf(int customer) {
        as(new Caller("key-of-" + customer, customer), "ROLE_CUSTOMER");
    }

    /** A user with a valid bearer token. */
    public static void asUser(UserPrincipal user) {
        as(user, "ROLE_USER");
    }

    public static void nobody() {
        SecurityContextHolder.clearContext();
    }

    private static void as(Object principal, String role) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of(new SimpleGrantedAuthority(role))));
    }
}
