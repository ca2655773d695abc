package dev.storageledger.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;

/**
 * The address a request comes from, as the authentication throttles count it: the peer of its connection, which no
 * header can forge; or, behind trusted reverse proxies, the address the nearest of them names ({@link TrustedProxies}).
 * Kept apart from the address the service's URLs are made from (Spring's forwarded-header handling, which believes
 * any client's headers, harmlessly there).
 */
public record ClientAddress(String address) {

    static ClientAddress of(HttpServletRequest request, TrustedProxies proxies) {
        // The forwarded-header filter wraps the request, answering an address of the headers' choosing and hiding the
        // headers themselves: the connection's peer and the headers as received are the innermost request's.
        ServletRequest connection = request;
        while (connection instanceof ServletRequestWrapper wrapper) {
            connection = wrapper.getRequest();
        }
        List<String> forwardedFor = connection instanceof HttpServletRequest received
                ? Collections.list(received.getHeaders(TrustedProxies.FORWARDED_FOR)) : List.of();
        return new ClientAddress(proxies.client(connection.getRemoteAddr(), forwardedFor));
    }
}
