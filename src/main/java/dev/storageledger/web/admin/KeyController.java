package dev.storageledger.web.admin;

import dev.storageledger.security.Access;
import dev.storageledger.security.KeyService;
import dev.storageledger.web.Ids;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.dlcs.HydraCollection;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A customer's HTTP Basic keys, managed by the administrator or by the customer's own keys. */
@RestController
class KeyController {

    private final KeyService keys;
    private final PublicUrl publicUrl;

    KeyController(KeyService keys, PublicUrl publicUrl) {
        this.keys = keys;
        this.publicUrl = publicUrl;
    }

    /** The secret is in this answer only; the ledger keeps its hash. */
    @PostMapping("/customers/{customer}/keys")
    ResponseEntity<KeyService.IssuedKey> issue(@PathVariable("customer") String customerId) {
        int customer = Ids.customer(customerId);
        Access.requireCustomer(customer);
        return ResponseEntity.status(HttpStatus.CREATED).body(keys.issue(customer));
    }

    @GetMapping("/customers/{customer}/keys")
    HydraCollection<AdminResources.KeyResource> list(@PathVariable("customer") String customerId, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        Access.requireCustomer(customer);
        String base = publicUrl.base(request);
        List<AdminResources.KeyResource> members = keys.list(customer).stream()
                .map(key -> AdminResources.KeyResource.of(base, customer, key)).toList();
        return HydraCollection.page(base, base + "/customers/" + customer + "/keys", members, members.size(), 1,
                Math.max(1, members.size()));
    }

    @DeleteMapping("/customers/{customer}/keys/{key}")
    ResponseEntity<Void> revoke(@PathVariable("customer") String customerId, @PathVariable("key") String key) {
        int customer = Ids.customer(customerId);
        String id = Ids.name("key", key);
        Access.requireCustomer(customer);
        keys.revoke(customer, id);
        return ResponseEntity.noContent().build();
    }
}
