package dev.storageledger.webhook;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Keeps webhooks away from the ledger's own network (server-side request forgery): a destination whose host resolves
 * to a loopback, private (RFC 1918, fc00::/7), shared (100.64.0.0/10), link-local (169.254.0.0/16, where clouds
 * serve instance credentials, and fe80::/10), multicast, unspecified, benchmarking (198.18.0.0/15), reserved
 * (192.0.0.0/24, 240.0.0.0/4) or broadcast address is refused, and so is an IPv6 address that carries such an IPv4
 * address (IPv4-mapped, IPv4-compatible, SIIT, NAT64, 6to4, Teredo), unless LEDGER_WEBHOOK_ALLOW_PRIVATE. Checked at
 * subscription and again before each attempt, since DNS answers change.
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
                        + ", a loopback, private, link-local, reserved or unspecified address, or one that carries such an IPv4 address"
                        + " (allowed only with LEDGER_WEBHOOK_ALLOW_PRIVATE)");
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
            return internal6(bytes);
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        int third = bytes[2] & 0xff;
        return first == 0 // 0.0.0.0/8, "this network"
                || (first == 100 && second >= 64 && second < 128) // 100.64.0.0/10, shared address space
                || (first == 192 && second == 0 && third == 0) // 192.0.0.0/24, IETF protocol assignments
                || (first == 198 && (second == 18 || second == 19)) // 198.18.0.0/15, benchmarking
                || first >= 240; // 240.0.0.0/4, reserved, and 255.255.255.255, the broadcast
    }

    /**
     * An IPv6 address that is internal itself (fc00::/7, unique local), or that carries an IPv4 address a router or
     * the host turns back into IPv4 (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64, 6to4, Teredo) whose IPv4
     * address is internal: [64:ff9b::7f00:1] reaches 127.0.0.1 through a NAT64 gateway.
     */
    private static boolean internal6(byte[] bytes) {
        if ((bytes[0] & 0xfe) == 0xfc) {
            return true; // fc00::/7, unique local
        }
        if (startsWith(bytes, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
            return true; // 64:ff9b:1::/48, NAT64 for local use, whose IPv4 may sit anywhere in it
        }
        boolean zeroes = zeroes(bytes, 0, 10);
        boolean mapped = zeroes && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff; // ::ffff:0:0/96
        boolean compatible = zeroes && bytes[10] == 0 && bytes[11] == 0; // ::/96 (:: and ::1 are caught before)
        boolean translated = zeroes(bytes, 0, 8) && (bytes[8] & 0xff) == 0xff && (bytes[9] & 0xff) == 0xff
                && bytes[10] == 0 && bytes[11] == 0; // ::ffff:0:0:0/96, SIIT
        boolean nat64 = startsWith(bytes, 0x00, 0x64, 0xff, 0x9b) && zeroes(bytes, 4, 12); // 64:ff9b::/96
        if (mapped || compatible || translated || nat64) {
            return internal4(bytes, 12, 0);
        }
        if (startsWith(bytes, 0x20, 0x02)) {
            return internal4(bytes, 2, 0); // 2002::/16, 6to4: the IPv4 address follows the prefix
        }
        if (startsWith(bytes, 0x20, 0x01, 0x00, 0x00)) {
            // 2001::/32, Teredo: the server's IPv4 address follows the prefix; the client's is the last 32 bits inverted.
            return internal4(bytes, 4, 0) || internal4(bytes, 12, 0xff);
        }
        return false;
    }

    private static boolean internal4(byte[] bytes, int offset, int mask) {
        byte[] ipv4 = new byte[4];
        for (int i = 0; i < 4; i++) {
            ipv4[i] = (byte) (bytes[offset + i] ^ mask);
        }
        try {
            return internal(InetAddress.getByAddress(ipv4));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeroes(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
