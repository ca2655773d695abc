package dev.storageledger.ledger;

import static java.util.Objects.requireNonNull;

/** Where usage is totalled and a limit may apply. */
public sealed interface Scope {

    /** The customer whose scope this is. */
    int customer();

    record Customer(int customer) implements Scope {
        @Override
        public String toString() {
            return "customer " + customer;
        }
    }

    record Space(int customer, int space) implements Scope {
        @Override
        public String toString() {
            return "space " + space + " of customer " + customer;
        }
    }

    /** A user of a customer, as the owner of assets. */
    record Owner(int customer, String user) implements Scope {

        public Owner {
            requireNonNull(user, "user is null");
        }

        @Override
        public String toString() {
            return "user '" + user + "' of customer " + customer;
        }
    }
}
