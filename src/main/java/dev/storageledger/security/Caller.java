package dev.storageledger.security;

import static java.util.Objects.requireNonNull;

/** Who a request comes from: the administrator, or the holder of one customer's key. */
public record Caller(String key, Integer customer) {

    public Caller {
        requireNonNull(key, "key is null");
    }

    public static Caller admin(String key) {
        return new Caller(key, null);
    }

    public boolean isAdmin() {
        return customer == null;
    }

    public boolean mayRead(int customer) {
        return isAdmin() || this.customer == customer;
    }
}
