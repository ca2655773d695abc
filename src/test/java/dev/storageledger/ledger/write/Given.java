package dev.storageledger.ledger.write;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Fullness;
import dev.storageledger.ledger.limit.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a group's transaction found locked, said as sentences: {@code Given.aCustomer(2).withPolicy(3, 1000)
 * .storing(1, 100, 1).withSpace(5).andOwner("alice", aCapacityOf(70, 30))}, then {@code deciding(writes...)}.
 */
final class Given {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final int customer;
    private Limit customerPolicy = Limit.NONE;
    private Usage customerUsage = Usage.NONE;
    private final Map<SpaceKey, ScopeState> spaces = new HashMap<>();
    private final Map<OwnerKey, ScopeState> owners = new HashMap<>();
    private final Map<CustomerAsset, StoredAsset> stored = new HashMap<>();

    private Given(int customer) {
        this.customer = customer;
    }

    static Given aCustomer(int customer) {
        return new Given(customer);
    }

    static Limit.Policy aPolicyOf(long images, long bytes) {
        return new Limit.Policy("small", images, bytes);
    }

    static Limit.Capacity aCapacityOf(long base, long packs) {
        return new Limit.Capacity(base, packs);
    }

    Given withPolicy(long images, long bytes) {
        customerPolicy = aPolicyOf(images, bytes);
        return this;
    }

    Given withPolicy(Limit.Policy policy) {
        customerPolicy = policy;
        return this;
    }

    /** What the customer (and each space and owner added after this) stores. */
    Given storing(long images, long size, long thumbnails) {
        customerUsage = new Usage(images, size, thumbnails);
        return this;
    }

    /** A space without a policy of its own, storing what the customer stores. */
    Given withSpace(int space) {
        spaces.put(new SpaceKey(customer, space), new ScopeState(customerUsage, Limit.NONE));
        return this;
    }

    Given withSpace(int space, Limit.Policy own) {
        spaces.put(new SpaceKey(customer, space), new ScopeState(customerUsage, own));
        return this;
    }

    /** A user with a capacity, owning what the customer stores. */
    Given andOwner(String user, Limit.Capacity capacity) {
        owners.put(new OwnerKey(customer, user), new ScopeState(customerUsage, capacity));
        return this;
    }

    Given withStored(StoredAsset asset) {
        stored.put(new CustomerAsset(customer, asset.ref()), asset);
        return this;
    }

    WriteGroup.Decision deciding(Write... writes) {
        return WriteGroup.decide(List.of(writes), new WriteGroup.Locks(Map.of(customer, new ScopeState(customerUsage, customerPolicy)),
                spaces, owners, Map.of()), stored, NOW);
    }

    /** {@link #deciding}, with the crossings of quota states at these thresholds. */
    WriteGroup.Decision deciding(Fullness.Thresholds thresholds, Write... writes) {
        return WriteGroup.decide(List.of(writes), new WriteGroup.Locks(Map.of(customer, new ScopeState(customerUsage, customerPolicy)),
                spaces, owners, Map.of()), stored, NOW, thresholds);
    }

    // ---- writes, as sentences --------------------------------------------------------------------------------

    static StoredAsset anAsset(int space, String asset, long size, long thumbnails, String owner) {
        return new StoredAsset(new AssetRef(space, asset), new AssetSize(size, thumbnails), owner, Instant.EPOCH);
    }

    static Write aRecord(int customer, int space, String asset, long size, long thumbnails) {
        return Write.records(customer, List.of(StorageRecord.stored(new AssetRef(space, asset), new AssetSize(size, thumbnails), null)));
    }

    static Write aRecordOwnedBy(String owner, int customer, int space, String asset, long size, long thumbnails) {
        return Write.records(customer, List.of(StorageRecord.stored(new AssetRef(space, asset), new AssetSize(size, thumbnails), owner)));
    }

    static Write aRecordUsing(String reservation, int customer, int space, String asset, long size, long thumbnails) {
        return Write.records(customer, List.of(StorageRecord.stored(new AssetRef(space, asset), new AssetSize(size, thumbnails), null,
                reservation)));
    }

    static Write aDeletion(int customer, int space, String asset) {
        return Write.records(customer, List.of(StorageRecord.deleted(new AssetRef(space, asset))));
    }

    static Reservation.Request aReservationRequest(String id, int space, long size, Duration ttl) {
        return new Reservation.Request(id, space, null, 1, new AssetSize(size, 0), ttl);
    }
}
