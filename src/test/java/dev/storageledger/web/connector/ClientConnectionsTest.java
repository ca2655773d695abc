package dev.storageledger.web.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channel;
import org.junit.jupiter.api.Test;

class ClientConnectionsTest {

    private final ClientConnections connections = new ClientConnections();
    private final InetAddress client = address("192.0.2.1");
    private final InetAddress other = address("192.0.2.2");

    @Test
    void an_address_with_its_cap_of_connections_open_gets_no_more() {
        assertThat(connections.admit(client, new Connection(), 2)).isTrue();
        assertThat(connections.admit(client, new Connection(), 2)).isTrue();

        assertThat(connections.admit(client, new Connection(), 2)).isFalse();
        assertThat(connections.open(client)).isEqualTo(2);
    }

    @Test
    void another_address_is_counted_apart() {
        connections.admit(client, new Connection(), 1);

        assertThat(connections.admit(other, new Connection(), 1)).isTrue();
        assertThat(connections.admit(client, new Connection(), 1)).isFalse();
    }

    @Test
    void a_connection_closed_by_anyone_gives_its_place_back_at_the_next_admission() {
        Connection first = new Connection();
        connections.admit(client, first, 1);

        first.close();

        assertThat(connections.admit(client, new Connection(), 1)).isTrue();
        assertThat(connections.open(client)).isEqualTo(1);
    }

    @Test
    void a_purge_forgets_closed_connections_and_the_addresses_left_with_none() {
        Connection closed = new Connection();
        Connection open = new Connection();
        connections.admit(client, closed, 5);
        connections.admit(client, open, 5);
        Connection alone = new Connection();
        connections.admit(other, alone, 5);
        closed.close();
        alone.close();

        connections.purge();

        assertThat(connections.open(client)).isEqualTo(1);
        assertThat(connections.open(other)).isZero();
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A channel that is open until closed. */
    private static final class Connection implements Channel {

        private boolean open = true;

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
