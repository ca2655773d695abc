package dev.storageledger.web.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.customer.Customer;
import dev.storageledger.customer.Space;
import dev.storageledger.ledger.count.BatchSummary;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.security.KeyService;
import dev.storageledger.web.JsonLd;
import dev.storageledger.web.dlcs.StorageResources;

/** The administration surface's resources (our design, api.md "Customers and spaces"). */
final class AdminResources {

    private AdminResources() {
    }

    /**
     * A customer, with the room its live reservations hold (storage reads report only what is stored: the seeds'
     * CustomerStorage has no place for it).
     */
    @JsonPropertyOrder({"@context", "@id", "@type", "name", "storagePolicy", "reservedImages", "reservedSize",
            "reservedThumbnailSize"})
    record CustomerResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            String name,
            String storagePolicy,
            long reservedImages,
            long reservedSize,
            long reservedThumbnailSize) {

        static CustomerResource of(String base, Customer customer, Usage reserved) {
            return new CustomerResource(JsonLd.context(base, "Customer"), base + "/customers/" + customer.id(),
                    JsonLd.type("Customer"), customer.name(), StorageResources.policyUrl(base, customer.storagePolicy()),
                    reserved.images(), reserved.size(), reserved.thumbnails());
        }
    }

    /** A space, with the room its live reservations hold. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@context", "@id", "@type", "name", "storagePolicy", "reservedImages", "reservedSize",
            "reservedThumbnailSize"})
    record SpaceResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            String name,
            String storagePolicy,
            long reservedImages,
            long reservedSize,
            long reservedThumbnailSize) {

        static SpaceResource of(String base, Space space, Usage reserved) {
            return new SpaceResource(JsonLd.context(base, "Space"),
                    base + "/customers/" + space.customer() + "/spaces/" + space.id(), JsonLd.type("Space"), space.name(),
                    space.storagePolicy() == null ? null : StorageResources.policyUrl(base, space.storagePolicy()),
                    reserved.images(), reserved.size(), reserved.thumbnails());
        }
    }

    @JsonPropertyOrder({"@id", "@type", "key", "createdAt"})
    record KeyResource(@JsonProperty("@id") String id, @JsonProperty("@type") String type, String key, String createdAt) {

        static KeyResource of(String base, int customer, KeyService.KeyInfo key) {
            return new KeyResource(base + "/customers/" + customer + "/keys/" + key.key(), JsonLd.type("Key"), key.key(),
                    key.createdAt().toString());
        }
    }

    /** The answer to a batch of storage records. */
    record BatchResult(int created, int updated, int deleted) {

        static BatchResult of(BatchSummary summary) {
            return new BatchResult(summary.created(), summary.updated(), summary.deleted());
        }
    }
}
