package dev.storageledger.ledger.read;

import dev.storageledger.failure.Missing;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.cache.ReadCache;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Fullness;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The read side: storage as stored, one primary-key read per request, or none when the figures are in memory and no
 * change of their customer has been announced since (see {@link ReadCache}); 404 for what the ledger does not hold.
 */
@Service
public class StorageReader {

    private final StorageReads reads;
    private final ReadCache cache;

    StorageReader(StorageReads reads, ReadCache cache) {
        this.reads = reads;
        this.cache = cache;
    }

    private record CustomerRead(int customer) {
    }

    private record SpaceRead(int customer, int space) {
    }

    private record AssetRead(int customer, AssetRef ref) {
    }

    /** The room that live reservations hold (see {@link StorageReads#reserved}). */
    public Usage reserved(int customer, Integer space, String owner) {
        return reads.reserved(customer, space, owner);
    }

    public ScopeStorage customer(int customer) {
        return cache.read(new CustomerRead(customer), customer, () -> reads.customer(customer))
                .orElseThrow(() -> Missing.customer(customer));
    }

    public ScopeStorage space(int customer, int space) {
        return cache.read(new SpaceRead(customer, space), customer, () -> reads.space(customer, space))
                .orElseThrow(() -> Missing.space(customer, space));
    }

    /** A user's storage and capacity. */
    public OwnerStorage owner(int customer, String user) {
        return reads.owner(customer, user).orElseThrow(() -> Missing.user(customer, user));
    }

    /** The capacity and the use of a customer's users who have a role. */
    public UsersStorage users(int customer, String role) {
        return UsersStorage.sum(reads.usersWithRole(customer, role));
    }

    public AssetStorage asset(int customer, AssetRef ref) {
        // An asset being checked is not kept: it stops being "checking" when an hour has passed, with no write.
        return cache.read(new AssetRead(customer, ref), found -> customer, found -> !found.checking(), () -> reads.asset(customer, ref))
                .orElseThrow(() -> Missing.asset(customer, ref.space(), ref.asset()));
    }

    /** A page of the customers (see {@link StorageReads#customers}) and how many the whole listing holds. */
    public Page<CustomerFigures> customers(Fullness state, Fullness.Thresholds thresholds, boolean byUsage, long offset, int limit) {
        return new Page<>(reads.customers(state, thresholds, byUsage, offset, limit), reads.countCustomers(state, thresholds));
    }

    /** A page of a customer's users (see {@link StorageReads#users}) and how many it has. */
    public Page<UserFigures> users(int customer, boolean byUsage, long offset, int limit) {
        return new Page<>(reads.users(customer, byUsage, offset, limit), reads.countUsers(customer));
    }

    /** A page of a space's assets, by id (404 for an unknown space), and how many it holds (its exact count). */
    public Page<StoredAsset> assets(int customer, int space, long offset, int limit) {
        long total = space(customer, space).usage().images();
        return new Page<>(reads.assets(customer, space, offset, limit), total);
    }

    /** Some of a listing's items, and how many the whole listing holds. */
    public record Page<T>(List<T> items, long total) {

        public Page {
            items = List.copyOf(items);
        }

        public <R> Page<R> map(Function<T, R> mapping) {
            return new Page<>(items.stream().map(mapping).toList(), total);
        }
    }
}
