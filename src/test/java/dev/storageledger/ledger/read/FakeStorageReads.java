package dev.storageledger.ledger.read;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.OwnerKey;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.cache.ReadCache;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Fullness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-written fake of the stored figures that reads answer from, held in memory ({@code reads.customer(2,
 * storage)}), and the real {@link StorageReader} over them ({@link #reader()}): what the fake does not hold is
 * read as absent, which the reader answers with its not-found failures. Its users have no roles and its customers
 * hold no reservations. {@link #failWith} makes every read fail, as an unreachable database does.
 */
public final class FakeStorageReads implements StorageReads {

    private final Map<Integer, ScopeStorage> customers = new HashMap<>();
    private final Map<SpaceKey, ScopeStorage> spaces = new HashMap<>();
    private final Map<CustomerAsset, AssetStorage> assets = new HashMap<>();
    private final Map<OwnerKey, OwnerStorage> owners = new HashMap<>();
    private RuntimeException failure;

    /** The service's reader, reading from this fake. */
    public StorageReader reader() {
        return new StorageReader(this, ReadCache.off());
    }

    public synchronized FakeStorageReads customer(int customer, ScopeStorage storage) {
        customers.put(customer, storage);
        return this;
    }

    public synchronized FakeStorageReads space(int customer, int space, ScopeStorage storage) {
        spaces.put(new SpaceKey(customer, space), storage);
        return this;
    }

    /** An asset of a customer, under the reference of the asset it holds. */
    public synchronized FakeStorageReads asset(int customer, AssetStorage storage) {
        assets.put(new CustomerAsset(customer, storage.asset().ref()), storage);
        return this;
    }

    public synchronized FakeStorageReads owner(int customer, String user, OwnerStorage storage) {
        owners.put(new OwnerKey(customer, user), storage);
        return this;
    }

    /** Every read from now on throws {@code failure}. */
    public synchronized FakeStorageReads failWith(RuntimeException failure) {
        this.failure = failure;
        return this;
    }

    /** Holds nothing and fails no read: a new test starts from nothing. */
    public synchronized void forget() {
        customers.clear();
        spaces.clear();
        assets.clear();
        owners.clear();
        failure = null;
    }

    @Override
    public synchronized Optional<ScopeStorage> customer(int customer) {
        return read(customers.get(customer));
    }

    @Override
    public synchronized Optional<ScopeStorage> space(int customer, int space) {
        return read(spaces.get(new SpaceKey(customer, space)));
    }

    @Override
    public synchronized Optional<AssetStorage> asset(int customer, AssetRef ref) {
        return read(assets.get(new CustomerAsset(customer, ref)));
    }

    @Override
    public synchronized Optional<OwnerStorage> owner(int customer, String user) {
        return read(owners.get(new OwnerKey(customer, user)));
    }

    @Override
    public synchronized List<OwnerStorage> usersWithRole(int customer, String role) {
        read(null);
        return List.of();
    }

    @Override
    public synchronized Usage reserved(int customer, Integer space, String owner) {
        read(null);
        return Usage.NONE;
    }

    private <T> Optional<T> read(T held) {
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable(held);
    }

    /** The fake lists nothing: the listings are tested against PostgreSQL, whose SQL orders and filters them. */
    @Override
    public List<CustomerFigures> customers(Fullness state, Fullness.Thresholds thresholds, boolean byUsage, long offset, int limit) {
        throw new UnsupportedOperationException("listings are not faked");
    }

    @Override
    public long countCustomers(Fullness state, Fullness.Thresholds thresholds) {
        throw new UnsupportedOperationException("listings are not faked");
    }

    @Override
    public List<UserFigures> users(int customer, boolean byUsage, long offset, int limit) {
        throw new UnsupportedOperationException("listings are not faked");
    }

    @Override
    public long countUsers(int customer) {
        throw new UnsupportedOperationException("listings are not faked");
    }

    @Override
    public List<StoredAsset> assets(int customer, int space, long offset, int limit) {
        throw new UnsupportedOperationException("listings are not faked");
    }
}
