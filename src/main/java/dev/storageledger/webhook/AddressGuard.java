package dev.storageledger.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Keeps webhooks away from the ledger's own network (server-side request forgery): a destination whose host resolves
 * to a loopback, private (RFC 1918, fc00::/7), shared (100.64.0.0/10), link-local (169.254.0.0/16, where clouds
 * serve instance credentials, and fe80::/10), multicast or unspecified address is refused, unless
 * LEDGER_WEBHOOK_ALLOW_PRIVATE. Checked at subscription and again before each attempt, since DNS answers change.
 */
final class AddressGuard {

    private final boolean allowPrivate;

    AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why the ledger will not send to {@code url}, or empty when it may. */
    Optional<String> refusal(URI url) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = url.getHost();
        if (host == null) {
            return Optional.of("it has no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("its host '" + host + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                return Optional.of("its host '" + host + "' resolves to " + address.getHostAddress()
                        + ", a loopback, private, link-local or unspecified address (allowed only with LEDGER_WEBHOOK_ALLOW_PRIVATE)");
            }
        }
        return Optional.empty();
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7, unique local
            }
            boolean mapped = true; // ::ffff:a.b.c.d, an IPv4 address in IPv6 form
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return false;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 // 0.0.0.0/8, "this network"
                || (first == 100 && second >= 64 && second < 128); // 100.64.0.0/10, shared address space
    }
}
