package dev.storageledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storageledger.SettingsException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ForwardedHeaderFilter;

/**
 * The client address the throttles count: the rightmost address of X-Forwarded-For that no trusted proxy wrote,
 * walking from the connection's peer; never an address the client wrote itself.
 */
class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32"), false);

    @Test
    void the_address_a_trusted_proxy_appended_is_the_client_not_the_one_the_client_wrote() {
        assertThat(PROXIES.client("10.1.2.3", List.of("198.51.100.1, 203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void trusted_proxies_are_skipped_from_the_right_over_several_headers_and_ports() {
        assertThat(PROXIES.client("10.1.2.3", List.of("198.51.100.1, 203.0.113.9:4711", "192.0.2.7, 10.9.9.9"))).isEqualTo("203.0.113.9");
        assertThat(PROXIES.client("2001:db8::1", List.of("[2001:db8:1::5]:443", "[2001:0db8::2]"))).as("all trusted: the leftmost").isEqualTo("2001:db8:1:0:0:0:0:5");
        assertThat(PROXIES.client("2001:db8::1", List.of("2a00:1450::7"))).isEqualTo("2a00:1450:0:0:0:0:0:7");
    }

    @Test
    void a_peer_that_is_no_trusted_proxy_is_the_client_whatever_its_headers_say() {
        assertThat(PROXIES.client("203.0.113.50", List.of("10.1.2.3"))).isEqualTo("203.0.113.50");
        assertThat(PROXIES.client("192.0.2.8", List.of("198.51.100.1"))).as("next to a trusted address").isEqualTo("192.0.2.8");
    }

    @Test
    void when_every_hop_is_a_proxy_the_leftmost_is_the_client_and_an_unknown_hop_stops_at_the_last_proxy() {
        assertThat(PROXIES.client("10.1.2.3", List.of("10.4.4.4, 192.0.2.7"))).isEqualTo("10.4.4.4");
        assertThat(PROXIES.client("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
        assertThat(PROXIES.client("10.1.2.3", List.of("198.51.100.1, unknown, 10.5.5.5"))).isEqualTo("10.5.5.5");
        assertThat(PROXIES.client("10.1.2.3", List.of("proxy.example.org"))).as("a name, never looked up").isEqualTo("10.1.2.3");
    }

    @Test
    void the_older_setting_alone_believes_one_hop_the_address_the_peer_appended() {
        TrustedProxies peer = TrustedProxies.of(List.of(), true);

        assertThat(peer.client("10.1.2.3", List.of("198.51.100.1, 203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(peer.client("203.0.113.60", List.of("10.0.0.1, 198.51.100.2"))).isEqualTo("198.51.100.2");
        assertThat(peer.client("203.0.113.60", List.of())).isEqualTo("203.0.113.60");
    }

    @Test
    void without_either_setting_no_header_counts() {
        assertThat(TrustedProxies.of(List.of(), false).client("10.1.2.3", List.of("203.0.113.9"))).isEqualTo("10.1.2.3");
    }

    @Test
    void the_address_is_read_from_the_connection_and_its_headers_under_the_forwarded_header_filters_wrapper() throws Exception {
        MockHttpServletRequest received = new MockHttpServletRequest("GET", "/customers");
        received.setRemoteAddr("10.1.2.3");
        received.addHeader("X-Forwarded-For", "198.51.100.1, 203.0.113.9");
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();

        new ForwardedHeaderFilter().doFilter(received, new MockHttpServletResponse(),
                (request, response) -> seen.set((HttpServletRequest) request));

        assertThat(seen.get().getRemoteAddr()).as("the URLs' address, which the client chose").isEqualTo("198.51.100.1");
        assertThat(ClientAddress.of(seen.get(), PROXIES).address()).isEqualTo("203.0.113.9");
    }

    @Test
    void a_value_that_is_no_address_or_range_fails_naming_every_such_value() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/8", "10.0.0.300", "proxy.example.org", "192.0.2.0/33", "::1/129"), false))
                .isInstanceOf(SettingsException.class)
                .hasMessage("LEDGER_TRUSTED_PROXIES: '10.0.0.300', 'proxy.example.org', '192.0.2.0/33', '::1/129' are not an IP address or a "
                        + "CIDR range");
    }

    @Test
    void ranges_match_by_their_prefix_only() {
        TrustedProxies ranges = TrustedProxies.of(List.of("172.16.0.0/12", "fd00::/8"), false);

        assertThat(ranges.client("172.31.255.255", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(ranges.client("172.32.0.0", List.of("203.0.113.9"))).isEqualTo("172.32.0.0");
        assertThat(ranges.client("fdff::1", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(ranges.client("fe00::1", List.of("203.0.113.9"))).isEqualTo("fe00:0:0:0:0:0:0:1");
    }
}
