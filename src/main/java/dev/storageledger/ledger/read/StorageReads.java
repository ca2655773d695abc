package dev.storageledger.ledger.read;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.count.Usage;
import java.util.List;
import java.util.Optional;

/** The stored figures that reads answer from: one primary-key read each, never a sum over assets. */
public interface StorageReads {

    Optional<ScopeStorage> customer(int customer);

    Optional<ScopeStorage> space(int customer, int space);

    Optional<AssetStorage> asset(int customer, AssetRef ref);

    Optional<OwnerStorage> owner(int customer, String user);

    /** The storage of each of a customer's users who have {@code role}. */
    List<OwnerStorage> usersWithRole(int customer, String role);

    /**
     * The room that a customer's live reservations hold: all of them, or those of one space, or of one owner (null:
     * any). Reported beside storage, never in it.
     */
    Usage reserved(int customer, Integer space, String owner);
}
