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

    @GetMapping("/customers/{customer}")
    AdminResources.CustomerResource getCustomer(@PathVariable("customer") String customerId, HttpServletRequest request) {
        int id = Ids.customer(customerId);
        Access.requireReader(id);
        return customerResource(request, customers.get(id));
    }

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

    @GetMapping("/customers/{customer}/spaces/{space}")
    AdminResources.SpaceResource getSpace(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId,
            HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        int id = Ids.space(spaceId);
        Access.requireReader(customer);
        return spaceResource(request, customers.getSpace(customer, id));
    }

    @DeleteMapping("/customers/{customer}/spaces/{space}")
    ResponseEntity<Void> deleteSpace(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId) {
        customers.deleteSpace(Ids.customer(customerId), Ids.space(spaceId));
        return ResponseEntity.noContent().build();
    }
}
