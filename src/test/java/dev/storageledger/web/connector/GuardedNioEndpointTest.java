package dev.storageledger.web.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuardedNioEndpointTest {

    @Test
    void the_server_is_crowded_once_the_last_of_its_connections_is_taken() {
        assertThat(GuardedNioEndpoint.crowded(0, 2048)).isFalse();
        assertThat(GuardedNioEndpoint.crowded(2047, 2048)).isFalse();
        assertThat(GuardedNioEndpoint.crowded(2048, 2048)).isTrue();
    }

    @Test
    void without_a_maximum_of_connections_it_is_never_crowded() {
        assertThat(GuardedNioEndpoint.crowded(100_000, -1)).isFalse();
    }

    @Test
    void the_server_is_busy_from_half_of_its_connections() {
        assertThat(GuardedNioEndpoint.busy(511, 1024)).isFalse();
        assertThat(GuardedNioEndpoint.busy(512, 1024)).isTrue();
        assertThat(GuardedNioEndpoint.busy(1, 1)).isTrue();
        assertThat(GuardedNioEndpoint.busy(100_000, -1)).isFalse();
    }

    @Test
    void tomcat_may_accept_a_quarter_more_than_the_connections_kept_open() {
        assertThat(GuardedNioEndpoint.withHeadroom(1024)).isEqualTo(1280);
        assertThat(GuardedNioEndpoint.withHeadroom(2)).isEqualTo(3);
        assertThat(GuardedNioEndpoint.withHeadroom(-1)).isEqualTo(-1);
    }
}
