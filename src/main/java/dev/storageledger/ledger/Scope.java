package dev.storageledger.ledger;

/** Where usage is totalled and a limit may apply. */
public sealed interface Scope {

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
}
