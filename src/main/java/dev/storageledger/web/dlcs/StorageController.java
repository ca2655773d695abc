package dev.storageledger.web.dlcs;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.read.AssetStorage;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.security.Access;
import dev.storageledger.web.Ids;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.StorageResources;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Storage reads (seeds 000 and 001): CustomerStorage for a customer or a space, ImageStorage for an asset. */
@RestController
class StorageController {

    private final StorageReader storage;
    private final PublicUrl publicUrl;

    StorageController(StorageReader storage, PublicUrl publicUrl) {
        this.storage = storage;
        this.publicUrl = publicUrl;
    }

    @OperationDocumentation(id = "getCustomerStorage", tag = Tag.DLCS, caller = Caller.CUSTOMER_READER,
            summary = "Read a customer's storage",
            description = "CustomerStorage: the customer's count of assets, their total size (thumbnails excluded) "
                    + "and the thumbnails' size, from stored totals. Room held by reservations is not in it (see the "
                    + "customer resource).",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/storage")
    StorageResources.CustomerStorage customer(@PathVariable("customer") String customerId, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        Access.requireReader(customer);
        return StorageResources.CustomerStorage.of(publicUrl.base(request), "/customers/" + customer + "/storage",
                storage.customer(customer));
    }

    @OperationDocumentation(id = "getSpaceStorage", tag = Tag.DLCS, caller = Caller.CUSTOMER_READER,
            summary = "Read a space's storage",
            description = "CustomerStorage of one space; its storagePolicy is the space's own policy when it has "
                    + "one, else the customer's.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/spaces/{space}/storage")
    StorageResources.CustomerStorage space(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId,
            HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        int space = Ids.space(spaceId);
        Access.requireReader(customer);
        return StorageResources.CustomerStorage.of(publicUrl.base(request),
                "/customers/" + customer + "/spaces/" + space + "/storage", storage.space(customer, space));
    }

    @OperationDocumentation(id = "getImageStorage", tag = Tag.DLCS, caller = Caller.CUSTOMER_READER,
            summary = "Read an asset's storage",
            description = "ImageStorage: the asset's size and thumbnails' size as last recorded or measured.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/spaces/{space}/images/{asset}/storage")
    StorageResources.ImageStorage asset(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId,
            @PathVariable("asset") String assetId, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        AssetRef ref = new AssetRef(Ids.space(spaceId), Ids.name("asset", assetId));
        Access.requireReader(customer);
        AssetStorage asset = storage.asset(customer, ref);
        return StorageResources.ImageStorage.of(publicUrl.base(request), customer, asset.asset(), asset.checking());
    }
}
