package dev.storageledger.ledger.read;

import dev.storageledger.ledger.postgres.LedgerRepository;
import dev.storageledger.ledger.postgres.ReservationRepository;

import dev.storageledger.failure.Failure;
import dev.storageledger.customer.CustomerService;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.Usage;
import org.springframework.stereotype.Service;

/** The read side: storage as stored, one primary-key read per request, never a sum over assets. */
@Service
public class StorageReader {

    private final LedgerRepository ledger;
    private final ReservationRepository reservations;

    StorageReader(LedgerRepository ledger, ReservationRepository reservations) {
        this.ledger = ledger;
        this.reservations = reservations;
    }

    /**
     * The room that a customer's live reservations hold: all of them, or those of one space, or of one owner (null:
     * any). Reported beside storage, never in it.
     */
    public Usage reserved(int customer, Integer space, String owner) {
        return reservations.reserved(customer, space, owner);
    }

    public LedgerRepository.ScopeStorage customer(int customer) {
        return ledger.customerStorage(customer).orElseThrow(() -> CustomerService.customerNotFound(customer));
    }

    public LedgerRepository.ScopeStorage space(int customer, int space) {
        return ledger.spaceStorage(customer, space).orElseThrow(() -> CustomerService.spaceNotFound(customer, space));
    }

    /** A user's storage and capacity; 404 when the customer has no such user. */
    public LedgerRepository.OwnerStorage owner(int customer, String user) {
        return ledger.ownerStorage(customer, user).orElseThrow(() -> userNotFound(customer, user));
    }

    /** The capacity and the use of a customer's users who have a role. */
    public LedgerRepository.UsersStorage users(int customer, String role) {
        return ledger.usersStorage(customer, role);
    }

    public static Failure userNotFound(int customer, String user) {
        return Failure.notFound("There is no user '" + user + "' of customer " + customer);
    }

    public LedgerRepository.AssetStorage asset(int customer, AssetRef ref) {
        return ledger.asset(customer, ref).orElseThrow(() -> assetNotFound(customer, ref));
    }

    public static Failure assetNotFound(int customer, AssetRef ref) {
        return Failure.notFound("There is no asset '" + ref.asset() + "' in space " + ref.space() + " of customer " + customer);
    }
}
