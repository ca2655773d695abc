package dev.storageledger.ledger.read;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Fullness;
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

    /**
     * A page of the customers with their figures: by id, or by usage (the greatest fraction of a limit of its policy
     * that its stored and reserved figures take, highest first, then by id); only those in {@code state} (the worst
     * state of its policy's limits, by {@link Fullness}) when it is not null.
     */
    List<CustomerFigures> customers(Fullness state, Fullness.Thresholds thresholds, boolean byUsage, long offset, int limit);

    /** How many customers {@link #customers} lists with this filter. */
    long countCustomers(Fullness state, Fullness.Thresholds thresholds);

    /**
     * A page of a customer's users with their figures: by id, or by usage (the fraction of their capacity that what
     * they use and reserve takes, highest first, then by id).
     */
    List<UserFigures> users(int customer, boolean byUsage, long offset, int limit);

    long countUsers(int customer);

    /** A page of a space's assets, by id. */
    List<StoredAsset> assets(int customer, int space, long offset, int limit);
}
