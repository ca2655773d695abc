package dev.storageledger.ledger.store;

import dev.storageledger.NotFoundException;
import dev.storageledger.customer.CustomerService;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.StoredAsset;
import org.springframework.stereotype.Service;

/** The read side: storage as stored, one primary-key read per request, never a sum over assets. */
@Service
public class StorageReader {

    private final LedgerRepository ledger;

    StorageReader(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    public LedgerRepository.ScopeStorage customer(int customer) {
        return ledger.customerStorage(customer).orElseThrow(() -> CustomerService.customerNotFound(customer));
    }

    public LedgerRepository.ScopeStorage space(int customer, int space) {
        return ledger.spaceStorage(customer, space).orElseThrow(() -> CustomerService.spaceNotFound(customer, space));
    }

    public StoredAsset asset(int customer, AssetRef ref) {
        return ledger.asset(customer, ref).orElseThrow(() -> assetNotFound(customer, ref));
    }

    static NotFoundException assetNotFound(int customer, AssetRef ref) {
        return new NotFoundException("There is no asset '" + ref.asset() + "' in space " + ref.space() + " of customer " + customer);
    }
}
