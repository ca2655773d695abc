package dev.storageledger.ledger.read;

import dev.storageledger.failure.Missing;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.count.Usage;
import org.springframework.stereotype.Service;

/** The read side: storage as stored, one primary-key read per request; 404 for what the ledger does not hold. */
@Service
public class StorageReader {

    private final StorageReads reads;

    StorageReader(StorageReads reads) {
        this.reads = reads;
    }

    /** The room that live reservations hold (see {@link StorageReads#reserved}). */
    public Usage reserved(int customer, Integer space, String owner) {
        return reads.reserved(customer, space, owner);
    }

    public ScopeStorage customer(int customer) {
        return reads.customer(customer).orElseThrow(() -> Missing.customer(customer));
    }

    public ScopeStorage space(int customer, int space) {
        return reads.space(customer, space).orElseThrow(() -> Missing.space(customer, space));
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
        return reads.asset(customer, ref).orElseThrow(() -> Missing.asset(customer, ref.space(), ref.asset()));
    }
}
