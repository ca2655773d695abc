package dev.storageledger.ledger.read;

import static java.util.Objects.requireNonNull;

import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Limit;

/** A customer as a listing shows it: its stored totals, the room its live reservations hold, and its policy. */
public record CustomerFigures(int customer, String name, Usage stored, Usage reserved, Limit.Policy policy) {

    public CustomerFigures {
        requireNonNull(name, "name is null");
        requireNonNull(stored, "stored is null");
        requireNonNull(reserved, "reserved is null");
        requireNonNull(policy, "policy is null");
    }
}
