package dev.storageledger.database;

import java.util.Properties;

/**
 * How to open a connection of one's own, outside the pool, to the ledger's database (the pool's URL, driver
 * properties, user and password): for what holds a connection for long, such as a listener. Says nothing of its
 * password when printed.
 */
public final class OwnConnections {

    private final String url;
    private final Properties properties;

    OwnConnections(String url, Properties properties) {
        this.url = url;
        this.properties = new Properties();
        this.properties.putAll(properties);
    }

    public String url() {
        return url;
    }

    /** A copy of the driver properties, user and password included, for the caller to add its own to. */
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    @Override
    public String toString() {
        return "connections of their own to " + url;
    }
}
