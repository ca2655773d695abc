package dev.storageledger.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request comes from, as the authentication throttles count it: the peer of its connection, which no
 * header can forge; or, when LEDGER_CLIENT_ADDRESS_FROM_FORWARDED is set (behind a reverse proxy that sets Forwarded
 * or X-Forwarded-For itself), the address the proxy names.
 */
public record ClientAddress(String address) {

    static ClientAddress of(HttpServletRequest request, boolean fromForwarded) {
        if (fromForwarded) {
            return new ClientAddress(request.getRemoteAddr());
        }
        // The service honours forwarded headers for its URLs, so the request may be wrapped by a filter that answers
        // their address: the connection's peer is the innermost request's.
        ServletRequest connection = request;
        while (connection instanceof ServletRequestWrapper wrapper) {
            connection = wrapper.getRequest();
        }
        return new ClientAddress(connection.getRemoteAddr());
    }
}
