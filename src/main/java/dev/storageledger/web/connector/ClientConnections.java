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

    /**
     * The address other than {@code besides} with the most connections open (as far as the last admission or purge
     * knows), or null when there is none.
     */
    InetAddress heaviestBesides(InetAddress besides) {
        InetAddress heaviest = null;
        int most = 0;
        for (var entry : open.entrySet()) {
            int count = entry.getValue().size();
            if (count > most && !entry.getKey().equals(besides)) {
                heaviest = entry.getKey();
                most = count;
            }
        }
        return heaviest;
    }

    /** The connections of {@code client} (some may have been closed since the last admission or purge). */
    Set<Channel> of(InetAddress client) {
        Set<Channel> channels = open.get(client);
        return channels == null ? Set.of() : channels;
    }

    /** How many connections of {@code client} are open, as far as the last admission or purge knows. */
    int open(InetAddress client) {
        Set<Channel> channels = open.get(client);
        return channels == null ? 0 : channels.size();
    }
}
