package dev.storageledger.web.admin;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Customers and spaces: written by the administrator, read by it and by the customer's own keys. */
@RestController
class CustomerController {

    private static final int MAXIMUM_NAME_LENGTH = 500;
    private static final Set<String> FIELDS = Set.of("name", "storagePolicy");

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
        NameAndPolicy fields = NameAndPolicy.read(body, false);
        Customer customer = new Customer(id, fields.name(), fields.policy() == null ? StoragePolicy.DEFAULT : fields.policy());
        boolean created = customers.save(customer);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(AdminResources.CustomerResource.of(publicUrl.base(request), customer, reader.reserved(id, null, null)));
    }

    @GetMapping("/customers/{customer}")
    AdminResources.CustomerResource getCustomer(@PathVariable("customer") String customerId, HttpServletRequest request) {
        int id = Ids.customer(customerId);
        Access.requireReader(id);
        return AdminResources.CustomerResource.of(publicUrl.base(request), customers.get(id), reader.reserved(id, null, null));
    }

    @PutMapping(path = "/customers/{customer}/spaces/{space}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AdminResources.SpaceResource> putSpace(@PathVariable("customer") String customerId,
            @PathVariable("space") String spaceId, @RequestBody JsonNode body, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        int id = Ids.space(spaceId);
        NameAndPolicy fields = NameAndPolicy.read(body, true);
        Space space = new Space(customer, id, fields.name(), fields.policy());
        boolean created = customers.save(space);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(AdminResources.SpaceResource.of(publicUrl.base(request), space, reader.reserved(customer, id, null)));
    }

    @GetMapping("/customers/{customer}/spaces/{space}")
    AdminResources.SpaceResource getSpace(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId,
            HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        int id = Ids.space(spaceId);
        Access.requireReader(customer);
        return AdminResources.SpaceResource.of(publicUrl.base(request), customers.getSpace(customer, id),
                reader.reserved(customer, id, null));
    }

    @DeleteMapping("/customers/{customer}/spaces/{space}")
    ResponseEntity<Void> deleteSpace(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId) {
        customers.deleteSpace(Ids.customer(customerId), Ids.space(spaceId));
        return ResponseEntity.noContent().build();
    }

    /** The body of a customer or space: a name, and a storage policy id (null allowed for a space). */
    private record NameAndPolicy(String name, String policy) {

        static NameAndPolicy read(JsonNode body, boolean nullPolicyAllowed) {
            List<String> problems = new ArrayList<>();
            JsonObject fields = JsonObject.read(body, "", problems, FIELDS);
            String name = fields == null ? null : fields.text("name", true, MAXIMUM_NAME_LENGTH);
            String policy = fields == null ? null : fields.id("storagePolicy", false, nullPolicyAllowed);
            if (!problems.isEmpty()) {
                throw Failure.invalid(problems);
            }
            return new NameAndPolicy(name, policy);
        }
    }
}
