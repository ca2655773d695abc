package dev.storageledger.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.read.ScopeStorage;
import dev.storageledger.policy.StoragePolicy;

/** The DLCS resources of seeds 000 and 001, field for field and in the seeds' order. */
public final class StorageResources {

    private StorageResources() {
    }

    @JsonPropertyOrder({"@context", "@id", "@type", "numberOfStoredImages", "totalSizeOfStoredImages",
            "totalSizeOfThumbnails", "lastCalculated", "storagePolicy"})
    public record CustomerStorage(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            long numberOfStoredImages,
            long totalSizeOfStoredImages,
            long totalSizeOfThumbnails,
            String lastCalculated,
            String storagePolicy) {

        public static CustomerStorage of(String base, String path, ScopeStorage storage) {
            return new CustomerStorage(JsonLd.context(base, "CustomerStorage"), base + path, JsonLd.type("CustomerStorage"),
                    storage.usage().images(), storage.usage().size(), storage.usage().thumbnails(),
                    storage.lastCalculated().toString(), policyUrl(base, storage.storagePolicy()));
        }
    }

    @JsonPropertyOrder({"@context", "@id", "@type", "thumbnailSize", "size", "lastChecked", "checkingInProgress"})
    public record ImageStorage(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            long thumbnailSize,
            long size,
            String lastChecked,
            boolean checkingInProgress) {

        public static ImageStorage of(String base, int customer, StoredAsset asset) {
            return of(base, customer, asset, false);
        }

        /** @param checking whether a check of the asset's real storage is running */
        public static ImageStorage of(String base, int customer, StoredAsset asset, boolean checking) {
            return new ImageStorage(JsonLd.context(base, "ImageStorage"),
                    base + "/customers/" + customer + "/spaces/" + asset.ref().space() + "/images/" + asset.ref().asset() + "/storage",
                    JsonLd.type("ImageStorage"), asset.size().thumbnailSize(), asset.size().size(),
                    asset.lastChecked().toString(), checking);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@context", "@id", "@type", "maximumNumberOfStoredImages", "maximumTotalSizeOfStoredImages"})
    public record StoragePolicyResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            long maximumNumberOfStoredImages,
            long maximumTotalSizeOfStoredImages) {

        public static StoragePolicyResource of(String base, StoragePolicy policy) {
            return new StoragePolicyResource(JsonLd.context(base, "StoragePolicy"), policyUrl(base, policy.id()),
                    JsonLd.type("StoragePolicy"), policy.maximumNumberOfStoredImages(), policy.maximumTotalSizeOfStoredImages());
        }
    }

    public static String policyUrl(String base, String policy) {
        return base + "/storagePolicies/" + policy;
    }
}
