package dev.storageledger.web.cocoon;

import dev.storageledger.account.Role;
import dev.storageledger.customer.CustomerService;
import dev.storageledger.failure.Failure;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.ledger.read.UsersStorage;
import dev.storageledger.policy.PolicyService;
import dev.storageledger.security.UserPrincipal;
import dev.storageledger.web.Ids;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cocoon Data's organisation storage statistics (seed 002, api.md "Cocoon surface"). An organisation is a
 * customer; its quota is its storage policy's maximum total size, and its originators' capacities and use are
 * summed from their rows, which the ledger keeps exact.
 */
@RestController
class OrganisationStatisticsController {

    private static final int MEBIBYTE_SHIFT = 20;

    private final CustomerService customers;
    private final PolicyService policies;
    private final StorageReader storage;

    OrganisationStatisticsController(CustomerService customers, PolicyService policies, StorageReader storage) {
        this.customers = customers;
        this.policies = policies;
        this.storage = storage;
    }

    /** Strings, as the seed's example has them. */
    record StorageStatistics(String organisationQuota, String objectStorageRequired, String objectStorageUsed) {
    }

    @OperationDocumentation(id = "getOrganisationStorageStatistics", tag = Tag.COCOON, caller = Caller.USER,
            summary = "Read an organisation's storage statistics",
            description = "For an organisation administrator of that organisation (the customer orgGroupId) only. "
                    + "Strings: the policy's maximum total size in MiB (rounded down), the capacities of its "
                    + "originators in MiB, and the bytes they use.",
            failures = {400, 401, 403, 503})
    @GetMapping("/api/v1/organisations/{orgGroupId}/statistics/items/storage")
    StorageStatistics storage(@PathVariable("orgGroupId") String orgGroupId, @AuthenticationPrincipal UserPrincipal user) {
        int organisation = Ids.customer(orgGroupId);
        if (user.customer() != organisation || !user.has(Role.ORGANISATION_ADMINISTRATOR)) {
            throw Failure.forbidden("Only an organisation administrator of organisation " + organisation
                    + " may read its storage statistics");
        }
        long quota = policies.get(customers.get(organisation).storagePolicy()).maximumTotalSizeOfStoredImages();
        UsersStorage originators = storage.users(organisation, Role.ORIGINATOR.id());
        return new StorageStatistics(Long.toString(quota >> MEBIBYTE_SHIFT),
                originators.capacity().shiftRight(MEBIBYTE_SHIFT).toString(), originators.used().toString());
    }
}
