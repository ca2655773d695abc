package dev.storageledger.web.dlcs;

import dev.storageledger.customer.CustomerService;
import dev.storageledger.failure.Failure;
import dev.storageledger.policy.PolicyService;
import dev.storageledger.policy.StoragePolicy;
import dev.storageledger.security.Access;
import dev.storageledger.web.HydraCollection;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonObject;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.StorageResources;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Storage policies: read by anyone as in DLCS, written by the administrator. */
@RestController
class StoragePolicyController {

    private static final int MAXIMUM_PAGE_SIZE = 1000;
    private static final String IMAGES = "maximumNumberOfStoredImages";
    private static final String SIZE = "maximumTotalSizeOfStoredImages";

    private final PolicyService policies;
    private final CustomerService customers;
    private final PublicUrl publicUrl;

    StoragePolicyController(PolicyService policies, CustomerService customers, PublicUrl publicUrl) {
        this.policies = policies;
        this.customers = customers;
        this.publicUrl = publicUrl;
    }

    @OperationDocumentation(id = "getStoragePolicy", tag = Tag.DLCS, caller = Caller.ANYONE,
            summary = "Read a storage policy",
            description = "Anyone may read a policy, as in DLCS. `default` always exists and takes its values from "
                    + "the settings.",
            failures = {400, 404, 503})
    @GetMapping("/storagePolicies/{policy}")
    StorageResources.StoragePolicyResource get(@PathVariable("policy") String policyId, HttpServletRequest request) {
        return StorageResources.StoragePolicyResource.of(publicUrl.base(request), policies.get(Ids.name("storagePolicy", policyId)));
    }

    @OperationDocumentation(id = "listStoragePolicies", tag = Tag.DLCS, caller = Caller.ANYONE,
            summary = "List the storage policies",
            description = "A page of the Hydra collection of policies (pageSize at most 1000).",
            failures = {400, 503})
    @GetMapping("/storagePolicies")
    HydraCollection<StorageResources.StoragePolicyResource> list(@RequestParam(defaultValue = "1") String page,
            @RequestParam(defaultValue = "100") String pageSize, HttpServletRequest request) {
        int pageNumber = HydraCollection.pageParameter("page", page, Integer.MAX_VALUE);
        int size = HydraCollection.pageParameter("pageSize", pageSize, MAXIMUM_PAGE_SIZE);
        String base = publicUrl.base(request);
        long offset = (long) (pageNumber - 1) * size;
        List<StorageResources.StoragePolicyResource> members = offset > Integer.MAX_VALUE ? List.of()
                : policies.page((int) offset, size).stream().map(policy -> StorageResources.StoragePolicyResource.of(base, policy)).toList();
        return HydraCollection.page(base, base + "/storagePolicies", members, policies.count(), pageNumber, size);
    }

    @OperationDocumentation(id = "putStoragePolicy", tag = Tag.DLCS, caller = Caller.ADMINISTRATOR,
            summary = "Create or replace a storage policy",
            description = "201 when it creates the policy, 200 when it replaces it. A policy may be lowered below "
                    + "current use: what is stored stays, writes that would grow use are refused. `default` cannot be "
                    + "written (409).",
            body = "StoragePolicyRequest", success = {201, 200}, failures = {400, 401, 403, 409, 415, 429, 503})
    @PutMapping(path = "/storagePolicies/{policy}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StorageResources.StoragePolicyResource> put(@PathVariable("policy") String policyId,
            @RequestBody JsonNode body, HttpServletRequest request) {
        String id = Ids.name("storagePolicy", policyId);
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, "", problems, Set.of(IMAGES, SIZE));
        Long images = fields == null ? null : fields.size(IMAGES, true);
        Long size = fields == null ? null : fields.size(SIZE, true);
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        StoragePolicy policy = new StoragePolicy(id, images, size);
        boolean created = policies.save(policy);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(StorageResources.StoragePolicyResource.of(publicUrl.base(request), policy));
    }

    @OperationDocumentation(id = "deleteStoragePolicy", tag = Tag.DLCS, caller = Caller.ADMINISTRATOR,
            summary = "Delete a storage policy",
            description = "409 while a customer or a space uses it, and for `default`.",
            success = {204}, failures = {400, 401, 403, 404, 409, 429, 503})
    @DeleteMapping("/storagePolicies/{policy}")
    ResponseEntity<Void> delete(@PathVariable("policy") String policyId) {
        policies.delete(Ids.name("storagePolicy", policyId));
        return ResponseEntity.noContent().build();
    }

    /** Seed 000's link form: the policy, when it is the one that governs this customer. */
    @OperationDocumentation(id = "getCustomerStoragePolicy", tag = Tag.DLCS, caller = Caller.CUSTOMER_READER,
            summary = "Read the policy that governs a customer",
            description = "The policy named, when it is the one that governs the customer (DLCS's link form); 404 "
                    + "otherwise.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/storagePolicy/{policy}")
    StorageResources.StoragePolicyResource customerPolicy(@PathVariable("customer") String customerId,
            @PathVariable("policy") String policyId, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        String id = Ids.name("storagePolicy", policyId);
        Access.requireReader(customer);
        if (!customers.get(customer).storagePolicy().equals(id)) {
            throw Failure.notFound("The storage policy '" + id + "' does not govern customer " + customer);
        }
        return get(id, request);
    }
}
