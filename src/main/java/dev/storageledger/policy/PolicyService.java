package dev.storageledger.policy;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.DatabaseReady;
import dev.storageledger.failure.Failure;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/** Storage policies: "default" from the settings, the others written through the API. */
@Service
public class PolicyService {

    private final PolicyRepository policies;
    private final LedgerProperties.DefaultPolicy defaults;

    PolicyService(PolicyRepository policies, LedgerProperties.DefaultPolicy defaults) {
        this.policies = policies;
        this.defaults = defaults;
    }

    /** The settings own the default policy's values; they are written at every start, before the service is ready. */
    @EventListener(DatabaseReady.class)
    public void writeDefaultPolicy() {
        policies.save(new StoragePolicy(StoragePolicy.DEFAULT, defaults.maximumNumberOfStoredImages(),
                defaults.maximumTotalSizeOfStoredImages()));
    }

    public StoragePolicy get(String id) {
        return policies.find(id).orElseThrow(() -> Failure.notFound("There is no storage policy '" + id + "'"));
    }

    /** Answers true when the policy was created. */
    public boolean save(StoragePolicy policy) {
        if (policy.id().equals(StoragePolicy.DEFAULT)) {
            throw Failure.conflict("The 'default' storage policy takes its values from the settings "
                    + "LEDGER_DEFAULT_MAX_IMAGES and LEDGER_DEFAULT_MAX_SIZE");
        }
        return policies.save(policy);
    }

    public void delete(String id) {
        if (id.equals(StoragePolicy.DEFAULT)) {
            throw Failure.conflict("The 'default' storage policy always exists");
        }
        if (policies.isInUse(id)) {
            throw inUse(id);
        }
        try {
            if (!policies.delete(id)) {
                throw Failure.notFound("There is no storage policy '" + id + "'");
            }
        } catch (DataIntegrityViolationException e) {
            throw inUse(id); // assigned by a concurrent write since the check above
        }
    }

    public List<StoragePolicy> page(int offset, int limit) {
        return policies.page(offset, limit);
    }

    public long count() {
        return policies.count();
    }

    private static Failure inUse(String id) {
        return Failure.conflict("The storage policy '" + id + "' governs a customer or a space");
    }
}
