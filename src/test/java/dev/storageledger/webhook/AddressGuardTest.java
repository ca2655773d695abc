package dev.storageledger.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The guard that keeps webhooks off the ledger's own network unless LEDGER_WEBHOOK_ALLOW_PRIVATE. */
class AddressGuardTest {

    private final AddressGuard byDefault = new AddressGuard(false);

    @Test
    void loopback_private_link_local_and_unspecified_addresses_are_refused() {
        assertRefused("http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/x", "http://172.16.0.1/x",
                "http://172.31.255.255/x", "http://192.168.1.1/x", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/x",
                "http://100.64.0.1/x", "http://[::1]/x", "http://[fd00::1]/x", "http://[fc00::1]/x", "http://[fe80::1]/x", "http://[::]/x",
                "http://[::ffff:127.0.0.1]/x", "http://[::ffff:10.0.0.1]/x");
        assertThat(byDefault.refusal(URI.create("http://169.254.169.254/")).orElseThrow()).contains("169.254.169.254")
                .contains("LEDGER_WEBHOOK_ALLOW_PRIVATE");
    }

    @Test
    void ipv6_addresses_that_carry_an_internal_ipv4_address_are_refused() {
        assertRefused("http://[64:ff9b::7f00:1]/x", "http://[64:ff9b::a00:1]/x", "http://[64:ff9b:1::808:808]/x",
                "http://[2002:7f00:1::]/x", "http://[2002:a9fe:a9fe::1]/x", "http://[::127.0.0.1]/x", "http://[::10.0.0.1]/x",
                "http://[::ffff:0:127.0.0.1]/x", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x");
        assertThat(byDefault.refusal(URI.create("http://[64:ff9b::7f00:1]/x")).orElseThrow()).contains("64:ff9b:0:0:0:0:7f00:1")
                .contains("carries such an IPv4 address");
    }

    @Test
    void broadcast_benchmarking_and_reserved_ipv4_addresses_are_refused() {
        assertRefused("http://255.255.255.255/x", "http://198.18.0.1/x", "http://198.19.255.254/x", "http://240.0.0.1/x",
                "http://192.0.0.8/x");
    }

    private void assertRefused(String... urls) {
        for (String url : urls) {
            assertThat(byDefault.refusal(URI.create(url))).as(url).isPresent();
        }
    }

    @Test
    void public_addresses_are_allowed() throws Exception {
        for (String address : new String[] {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "198.20.0.1",
                "198.17.255.255", "64:ff9b::808:808", "2002:808:808::1", "::8.8.8.8", "2001:0:4136:e378:8000:63bf:f7f7:f7f7"}) {
            assertThat(AddressGuard.internal(InetAddress.getByName(address))).as(address).isFalse();
        }
        assertThat(byDefault.refusal(URI.create("https://8.8.8.8/hook"))).isEmpty();
    }

    @Test
    void the_setting_allows_them() {
        assertThat(new AddressGuard(true).refusal(URI.create("http://127.0.0.1/x"))).isEmpty();
    }
}
