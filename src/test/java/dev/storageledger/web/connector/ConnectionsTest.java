package dev.storageledger.web.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionsTest {

    @Test
    void the_server_is_crowded_once_the_last_of_its_connections_is_taken() {
        assertThat(Connections.crowded(0, 2048)).isFalse();
        assertThat(Connections.crowded(2047, 2048)).isFalse();
        assertThat(Connections.crowded(2048, 2048)).isTrue();
    }

    @Test
    void without_a_maximum_of_connections_it_is_never_crowded() {
        assertThat(Connections.crowded(100_000, -1)).isFalse();
    }

    @Test
    void the_server_is_busy_from_half_of_its_connections() {
        assertThat(Connections.busy(511, 1024)).isFalse();
        assertThat(Connections.busy(512, 1024)).isTrue();
        assertThat(Connections.busy(1, 1)).isTrue();
        assertThat(Connections.busy(100_000, -1)).isFalse();
    }
}
