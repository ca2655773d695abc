package dev.storageledger.security;

import static java.util.Objects.requireNonNull;

import dev.storageledger.SettingsException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose X-Forwarded-For the authentication throttles believe, and how they find a request's client
 * address from it. A proxy appends the address it received the request from to whatever X-Forwarded-For the request
 * brought, so only the right end of the list is written by proxies; what lies left of the first address that is not a
 * proxy's was written by the client and proves nothing. So the walk starts at the connection's peer (which must be a
 * trusted proxy for any header to count) and goes leftwards, skipping trusted proxies; the first other address is the
 * client's.
 *
 * <p>Only X-Forwarded-For is read, not RFC 7239 Forwarded: a proxy that writes one of them passes the other through as
 * the client sent it, so reading both would let a client choose its own address behind every proxy that writes only
 * one. X-Forwarded-For is what nginx, HAProxy, Envoy, Traefik and the cloud load balancers write.
 *
 * <p>{@code anyPeer}: the older setting (LEDGER_CLIENT_ADDRESS_FROM_FORWARDED without LEDGER_TRUSTED_PROXIES), whose
 * proxy is whatever the service's peer is: one hop is believed, the address that proxy appended, and no more.
 */
final class TrustedProxies {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    /** Hex digits, colons and dots: what InetAddress then reads as an IPv6 literal, or refuses. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f.]*");
    /** The longest an address can be written ("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"). */
    private static final int LONGEST_ADDRESS = 45;

    private final List<Range> ranges;
    private final boolean anyPeer;
    private final boolean readsHeader;

    private TrustedProxies(List<Range> ranges, boolean anyPeer) {
        this.ranges = List.copyOf(ranges);
        this.anyPeer = anyPeer;
        this.readsHeader = anyPeer || !ranges.isEmpty();
    }

    /**
     * The proxies of the settings: the addresses and CIDR ranges of {@code proxies} when there are any; otherwise the
     * connection's peer when {@code fromForwarded}; otherwise none (no header is read).
     *
     * @throws SettingsException naming every value that is not an IP address or a CIDR range
     */
    static TrustedProxies of(List<String> proxies, boolean fromForwarded) {
        List<Range> ranges = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String proxy : proxies) {
            Range.parse(proxy.strip()).ifPresentOrElse(ranges::add, () -> invalid.add("'" + proxy + "'"));
        }
        if (!invalid.isEmpty()) {
            throw new SettingsException("LEDGER_TRUSTED_PROXIES: " + String.join(", ", invalid) + (invalid.size() == 1 ? " is" : " are")
                    + " not an IP address or a CIDR range", "Name the reverse proxies by their addresses or CIDR ranges, such as "
                    + "10.0.0.0/8, 192.0.2.7 or 2001:db8::/32 (names are not looked up).");
        }
        return new TrustedProxies(ranges, ranges.isEmpty() && fromForwarded);
    }

    /**
     * The client's address: {@code peer} (the connection's) when it is no trusted proxy; otherwise the rightmost
     * address of {@code forwardedFor} (the X-Forwarded-For values in the order received) that is no trusted proxy, or
     * the leftmost trusted one when all are, or the last trusted hop when the next one leftwards is no address at all
     * (a proxy's "unknown").
     */
    String client(String peer, List<String> forwardedFor) {
        if (!readsHeader) {
            return peer;
        }
        Optional<InetAddress> peerAddress = literal(peer);
        if (peerAddress.isEmpty() || !(anyPeer || trusted(peerAddress.get()))) {
            return peerAddress.map(InetAddress::getHostAddress).orElse(peer);
        }
        InetAddress client = peerAddress.get();
        // Several X-Forwarded-For fields are one list, in the order received (RFC 9110, 5.3).
        String[] hops = String.join(",", forwardedFor).split(",");
        for (int hop = hops.length - 1; hop >= 0; hop--) {
            Optional<InetAddress> address = hopAddress(hops[hop].strip());
            if (address.isEmpty()) {
                break;
            }
            client = address.get();
            if (anyPeer || !trusted(client)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean trusted(InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    /** A hop of X-Forwarded-For: an address, maybe with a port ("192.0.2.7:4711", "[2001:db8::1]:4711"). */
    private static Optional<InetAddress> hopAddress(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? Optional.empty() : literal(hop.substring(1, end));
        }
        int colon = hop.indexOf(':');
        if (colon >= 0 && colon == hop.lastIndexOf(':')) {
            return literal(hop.substring(0, colon));
        }
        return literal(hop);
    }

    /**
     * An IP address written as one; never a name, so nothing is looked up: a dotted quad, or an IPv6 address (hex
     * digits and colons, maybe a dotted quad at its end), which InetAddress reads as the literal it is.
     */
    private static Optional<InetAddress> literal(String text) {
        if (text.length() > LONGEST_ADDRESS || !IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The addresses whose first {@code bits} bits are those of {@code network}'s. */
    private record Range(byte[] network, int bits) {

        Range {
            requireNonNull(network, "network is null");
        }

        static Optional<Range> parse(String text) {
            int slash = text.indexOf('/');
            Optional<InetAddress> address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address.isEmpty()) {
                return Optional.empty();
            }
            int width = address.get() instanceof Inet4Address ? 32 : 128;
            if (slash < 0) {
                return Optional.of(new Range(address.get().getAddress(), width));
            }
            String bits = text.substring(slash + 1);
            if (!bits.matches("[0-9]{1,3}") || Integer.parseInt(bits) > width) {
                return Optional.empty();
            }
            return Optional.of(new Range(address.get().getAddress(), Integer.parseInt(bits)));
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit += 8) {
                int mask = 0xff << (8 - Math.min(8, bits - bit)) & 0xff;
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
