package dev.storageledger.web.connector;

import java.net.InetAddress;
import java.nio.channels.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open connections of each client address, so that one address cannot take every connection the server has.
 * A connection counts from its admission until its channel is closed, whoever closes it: the count of an address is
 * brought up to date when the address is at its cap and at every {@link #purge()}, so nothing has to tell this class
 * that a connection ended.
 */
final class ClientConnections {

    private final ConcurrentHashMap<InetAddress, Set<Channel>> open = new ConcurrentHashMap<>();

    /** Admits {@code channel} of {@code client} unless the client has {@code maximum} connections open already. */
    boolean admit(InetAddress client, Channel channel, int maximum) {
        boolean[] admitted = {false};
        open.compute(client, (address, channels) -> {
            Set<Channel> current = channels == null ? ConcurrentHashMap.newKeySet() : channels;
            if (current.size() >= maximum) {
                current.removeIf(connection -> !connection.isOpen());
            }
            if (current.size() < maximum) {
                current.add(channel);
                admitted[0] = true;
            }
            return current.isEmpty() ? null : current;
        });
        return admitted[0];
    }

    /** Forgets the connections that have been closed since. */
    void purge() {
        for (InetAddress client : open.keySet()) {
            open.computeIfPresent(client, (address, channels) -> {
                channels.removeIf(connection -> !connection.isOpen());
                return channels.isEmpty() ? null : channels;
            });
        }
    }

    /** How many connections of {@code client} are open, as far as the last admission or purge knows. */
    int open(InetAddress client) {
        Set<Channel> channels = open.get(client);
        return channels == null ? 0 : channels.size();
    }
}
