package dev.storageledger.web.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.security.Access;
import dev.storageledger.web.HydraCollection;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonLd;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A space's images as the ledger knows them: each asset's recorded figures and a link to its ImageStorage (what
 * DLCS's Image links as "storage"); nothing the ledger does not own (no delivery channels, roles or tags). An image is
 * written (PUT, DELETE) by {@link StorageRecordController}, beside it.
 */
@RestController
class ImageController {

    private final StorageReader storage;
    private final PublicUrl publicUrl;

    ImageController(StorageReader storage, PublicUrl publicUrl) {
        this.storage = storage;
        this.publicUrl = publicUrl;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@context", "@id", "@type", "id", "space", "size", "thumbnailSize", "owner", "storage"})
    record Image(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String link,
            @JsonProperty("@type") String type,
            String id,
            int space,
            long size,
            long thumbnailSize,
            String owner,
            String storage) {

        /** @param withContext false for a member of a collection, which has the collection's context */
        static Image of(String base, int customer, StoredAsset asset, boolean withContext) {
            String url = base + "/customers/" + customer + "/spaces/" + asset.ref().space() + "/images/" + asset.ref().asset();
            return new Image(withContext ? JsonLd.context(base, "Image") : null, url, JsonLd.type("Image"), asset.ref().asset(),
                    asset.ref().space(), asset.size().size(), asset.size().thumbnailSize(), asset.owner(), url + "/storage");
        }
    }

    @OperationDocumentation(id = "getImage", tag = Tag.DLCS, caller = Caller.CUSTOMER_READER, summary = "Read an image",
            description = "The asset's recorded figures, its owner and a link to its ImageStorage.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/spaces/{space}/images/{asset}")
    Image get(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId,
            @PathVariable("asset") String assetId, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        AssetRef ref = new AssetRef(Ids.space(spaceId), Ids.name("asset", assetId));
        Access.requireReader(customer);
        return Image.of(publicUrl.base(request), customer, storage.asset(customer, ref).asset(), true);
    }

    /** A page of the space's images, by id; totalItems is the space's exact count. */
    @OperationDocumentation(id = "listImages", tag = Tag.DLCS, caller = Caller.CUSTOMER_READER,
            summary = "List a space's images",
            description = "Paged, by id: each asset's recorded figures and a link to its storage.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/spaces/{space}/images")
    HydraCollection<Image> list(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId,
            @RequestParam(defaultValue = "1") String page, @RequestParam(defaultValue = "100") String pageSize,
            HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        int space = Ids.space(spaceId);
        Access.requireReader(customer);
        HydraCollection.Paging paging = HydraCollection.Paging.of(page, pageSize);
        String base = publicUrl.base(request);
        StorageReader.Page<StoredAsset> found = storage.assets(customer, space, paging.offset(), paging.pageSize());
        return HydraCollection.page(base, base + "/customers/" + customer + "/spaces/" + space + "/images", "",
                found.items().stream().map(asset -> Image.of(base, customer, asset, false)).toList(), found.total(), paging);
    }
}
