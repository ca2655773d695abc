package dev.storageledger.web.admin;

import dev.storageledger.customer.Change;
import dev.storageledger.customer.Customer;
import dev.storageledger.customer.CustomerService;
import dev.storageledger.customer.Space;
import dev.storageledger.failure.Failure;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.policy.StoragePolicy;
import dev.storageledger.security.Access;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonObject;
import dev.storageledger.web.PublicUrl;
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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Customers and spaces: written by the administrator, read by it and by the customer's own keys. */
@RestController
class CustomerController {

    private static final int MAXIMUM_NAME_LENGTH = 500;
    private static final Set<String> CUSTOMER_FIELDS = Set.of("name", "displayName", "storagePolicy");
    private static final Set<String> SPACE_FIELDS = Set.of("name", "storagePolicy");
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final CustomerService customers;
    private final StorageReader reader;
    private final PublicUrl publicUrl;

    CustomerController(CustomerService customers, StorageReader reader, PublicUrl publicUrl) {
        this.customers = customers;
        this.reader = reader;
        this.publicUrl = publicUrl;
    }

    @OperationDocumentation(id = "putCustomer", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Create or replace a customer",
            description = "201 when it creates the customer, 200 when it replaces it. Without `storagePolicy` the "
                    + "customer gets `default`; a policy that does not exist is 404.",
            body = "CustomerRequest", success = {201, 200}, failures = {400, 401, 403, 404, 409, 415, 429, 503})
    @PutMapping(path = "/customers/{customer}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AdminResources.CustomerResource> putCustomer(@PathVariable("customer") String customerId,
            @RequestBody JsonNode body, HttpServletRequest request) {
        int id = Ids.customer(customerId);
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, "", problems, CUSTOMER_FIELDS);
        String name = fields == null ? null : fields.text("name", true, MAXIMUM_NAME_LENGTH);
        String displayName = fields == null ? null : fields.text("displayName", false, MAXIMUM_NAME_LENGTH);
        String policy = fields == null ? null : fields.id("storagePolicy", false, false);
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        boolean created = customers.save(new Customer(id, name, policy == null ? StoragePolicy.DEFAULT : policy, displayName, null));
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(customerResource(request, customers.get(id)));
    }

    /**
     * Changes only the fields the body names (JSON Merge Patch, RFC 7396): {@code name}, {@code displayName} (null
     * removes it) and {@code storagePolicy} (a customer always has one).
     */
    @OperationDocumentation(id = "patchCustomer", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Change some of a customer",
            description = "A JSON Merge Patch (application/merge-patch+json or application/json): only the fields "
                    + "named change (name, displayName, storagePolicy); displayName null removes it. An unknown field "
                    + "is 400 naming it; an unknown customer 404.",
            body = "CustomerPatch", failures = {400, 401, 403, 404, 409, 415, 429, 503})
    @PatchMapping(path = "/customers/{customer}", consumes = {MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE})
    AdminResources.CustomerResource patchCustomer(@PathVariable("customer") String customerId, @RequestBody JsonNode body,
            HttpServletRequest request) {
        int id = Ids.customer(customerId);
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, "", problems, CUSTOMER_FIELDS);
        Change<String> name = null;
        Change<String> displayName = null;
        Change<String> policy = null;
        if (fields != null) {
            name = fields.has("name") ? new Change<>(fields.text("name", true, MAXIMUM_NAME_LENGTH)) : null;
            displayName = !fields.has("displayName") ? null
                    : new Change<>(body.get("displayName").isNull() ? null : fields.text("displayName", false, MAXIMUM_NAME_LENGTH));
            policy = fields.has("storagePolicy") ? new Change<>(fields.id("storagePolicy", true, false)) : null;
        }
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        return customerResource(request, customers.patch(id, name, displayName, policy));
    }

    private AdminResources.CustomerResource customerResource(HttpServletRequest request, Customer customer) {
        return AdminResources.CustomerResource.of(publicUrl.base(request), customer, reader.reserved(customer.id(), null, null));
    }

    @OperationDocumentation(id = "getCustomer", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_READER,
            summary = "Read a customer",
            description = "The customer, its policy and the room its live reservations hold.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}")
    AdminResources.CustomerResource getCustomer(@PathVariable("customer") String customerId, HttpServletRequest request) {
        int id = Ids.customer(customerId);
        Access.requireReader(id);
        return customerResource(request, customers.get(id));
    }

    @OperationDocumentation(id = "putSpace", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Create or replace a space",
            description = "201 when it creates the space, 200 when it replaces it. A space's own policy (null: none) "
                    + "applies on top of its customer's. An unknown customer or policy is 404.",
            body = "SpaceRequest", success = {201, 200}, failures = {400, 401, 403, 404, 409, 415, 429, 503})
    @PutMapping(path = "/customers/{customer}/spaces/{space}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AdminResources.SpaceResource> putSpace(@PathVariable("customer") String customerId,
            @PathVariable("space") String spaceId, @RequestBody JsonNode body, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        int id = Ids.space(spaceId);
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, "", problems, SPACE_FIELDS);
        String name = fields == null ? null : fields.text("name", true, MAXIMUM_NAME_LENGTH);
        String policy = fields == null ? null : fields.id("storagePolicy", false, true);
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        boolean created = customers.save(new Space(customer, id, name, policy));
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(spaceResource(request, customers.getSpace(customer, id)));
    }

    /**
     * Changes only the fields the body names (JSON Merge Patch, RFC 7396): {@code name} and {@code storagePolicy}
     * (null removes the space's own policy).
     */
    @OperationDocumentation(id = "patchSpace", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Change some of a space",
            description = "A JSON Merge Patch (application/merge-patch+json or application/json): only the fields "
                    + "named change (name, storagePolicy); storagePolicy null removes the space's own. An unknown "
                    + "field is 400 naming it; an unknown customer or space 404.",
            body = "SpacePatch", failures = {400, 401, 403, 404, 409, 415, 429, 503})
    @PatchMapping(path = "/customers/{customer}/spaces/{space}", consumes = {MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE})
    AdminResources.SpaceResource patchSpace(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId,
            @RequestBody JsonNode body, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        int id = Ids.space(spaceId);
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, "", problems, SPACE_FIELDS);
        Change<String> name = null;
        Change<String> policy = null;
        if (fields != null) {
            name = fields.has("name") ? new Change<>(fields.text("name", true, MAXIMUM_NAME_LENGTH)) : null;
            policy = fields.has("storagePolicy") ? new Change<>(fields.id("storagePolicy", false, true)) : null;
        }
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        return spaceResource(request, customers.patchSpace(customer, id, name, policy));
    }

    private AdminResources.SpaceResource spaceResource(HttpServletRequest request, Space space) {
        return AdminResources.SpaceResource.of(publicUrl.base(request), space, reader.space(space.customer(), space.id()).usage(),
                reader.reserved(space.customer(), space.id(), null));
    }

    @OperationDocumentation(id = "getSpace", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_READER,
            summary = "Read a space",
            description = "The space, its own policy (if any) and the room its live reservations hold.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/spaces/{space}")
    AdminResources.SpaceResource getSpace(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId,
            HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        int id = Ids.space(spaceId);
        Access.requireReader(customer);
        return spaceResource(request, customers.getSpace(customer, id));
    }

    @OperationDocumentation(id = "deleteSpace", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Delete a space",
            description = "409 while the space holds assets.",
            success = {204}, failures = {400, 401, 403, 404, 409, 429, 503})
    @DeleteMapping("/customers/{customer}/spaces/{space}")
    ResponseEntity<Void> deleteSpace(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId) {
        customers.deleteSpace(Ids.customer(customerId), Ids.space(spaceId));
        return ResponseEntity.noContent().build();
    }
}
