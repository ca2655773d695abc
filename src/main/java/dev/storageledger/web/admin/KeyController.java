package dev.storageledger.web.admin;

import dev.storageledger.security.Access;
import dev.storageledger.security.KeyService;
import dev.storageledger.web.HydraCollection;
import dev.storageledger.web.Ids;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
    @OperationDocumentation(id = "createKey", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_KEY,
            summary = "Issue an HTTP Basic key for a customer",
            description = "201 with the key's @id (also at Location; DELETE of it revokes the key) and its secret, "
                    + "in this answer only (only its hash is kept). 409 when the customer holds the most keys allowed "
                    + "(LEDGER_MAX_KEYS_PER_CUSTOMER).",
            success = {201}, failures = {400, 401, 403, 404, 409, 429, 503})
    @PostMapping("/customers/{customer}/keys")
    ResponseEntity<AdminResources.IssuedKey> issue(@PathVariable("customer") String customerId, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        Access.requireCustomer(customer);
        AdminResources.IssuedKey issued = AdminResources.IssuedKey.of(publicUrl.base(request), customer, keys.issue(customer));
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", issued.link()).body(issued);
    }

    @OperationDocumentation(id = "listKeys", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_KEY,
            summary = "List a customer's keys",
            description = "Paged; each with its @id, without its secret.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/keys")
    HydraCollection<AdminResources.KeyResource> list(@PathVariable("customer") String customerId,
            @RequestParam(defaultValue = "1") String page, @RequestParam(defaultValue = "100") String pageSize,
            HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        Access.requireCustomer(customer);
        HydraCollection.Paging paging = HydraCollection.Paging.of(page, pageSize);
        String base = publicUrl.base(request);
        List<KeyService.KeyInfo> all = keys.list(customer);
        List<AdminResources.KeyResource> members = all.stream().skip(paging.offset()).limit(paging.pageSize())
                .map(key -> AdminResources.KeyResource.of(base, customer, key)).toList();
        return HydraCollection.page(base, AdminResources.customerUrl(base, customer) + "/keys", "", members, all.size(), paging);
    }

    @OperationDocumentation(id = "revokeKey", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_KEY,
            summary = "Revoke a key",
            description = "At once: its next request is refused.",
            success = {204}, failures = {400, 401, 403, 404, 429, 503})
    @DeleteMapping("/customers/{customer}/keys/{key}")
    ResponseEntity<Void> revoke(@PathVariable("customer") String customerId, @PathVariable("key") String key) {
        int customer = Ids.customer(customerId);
        String id = Ids.name("key", key);
        Access.requireCustomer(customer);
        keys.revoke(customer, id);
        return ResponseEntity.noContent().build();
    }
}
