package dev.storageledger.web.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuardedNioEndpointTest {

    @Test
    void the_server_is_crowded_past_nine_tenths_of_its_connections() {
        assertThat(GuardedNioEndpoint.crowded(0, 2048)).isFalse();
        assertThat(GuardedNioEndpoint.crowded(1843, 2048)).isFalse();
        assertThat(GuardedNioEndpoint.crowded(1844, 2048)).isTrue();
        assertThat(GuardedNioEndpoint.crowded(2048, 2048)).isTrue();
    }

    @Test
    void without_a_maximum_of_connections_it_is_never_crowded() {
        assertThat(GuardedNioEndpoint.crowded(100_000, -1)).isFalse();
    }
}
