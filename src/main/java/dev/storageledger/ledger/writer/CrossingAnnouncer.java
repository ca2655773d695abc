package dev.storageledger.ledger.writer;

import dev.storageledger.ledger.write.Crossing;
import java.util.List;

/**
 * Where a group's quota crossings go: called in the group's transaction, after its changes are written and while its
 * scopes' rows are still locked, only when the group changed the state of some limit; one statement at most. What it
 * writes commits or rolls back with the group.
 */
public interface CrossingAnnouncer {

    void announce(List<Crossing> crossings);
}
