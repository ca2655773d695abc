package dev.storageledger.web.openapi;

import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What the response bodies' properties mean and hold, and examples of the seeds' bodies. */
final class ResponseSchemas {

    private static final String DATE_TIME = "date-time";
    /** What the response bodies' common properties mean (the seeds' words for the DLCS ones). */
    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("@context", "The URL of the resource's JSON-LD context"),
            Map.entry("@id", "The resource's URL"),
            Map.entry("@type", "The resource's type"),
            Map.entry("numberOfStoredImages", "The number of stored assets (not just images)"),
            Map.entry("totalSizeOfStoredImages", "The bytes of the stored assets, thumbnails excluded"),
            Map.entry("totalSizeOfThumbnails", "The bytes of their thumbnails"),
            Map.entry("lastCalculated", "When the figures were last brought up to date: the last change applied to the "
                    + "scope or the last recalculation that covered it"),
            Map.entry("storagePolicy", "The URL of a storage policy"),
            Map.entry("lastChecked", "When the asset's figures were last recorded or measured"),
            Map.entry("checkingInProgress", "Whether a check of the asset's real storage is running"),
            Map.entry("maximumNumberOfStoredImages", "The most assets a customer or space under the policy may hold"),
            Map.entry("maximumTotalSizeOfStoredImages", "The most bytes (thumbnails excluded) they may hold"),
            Map.entry("reservedImages", "Assets that live reservations hold room for"),
            Map.entry("reservedSize", "Bytes (thumbnails excluded) that live reservations hold"),
            Map.entry("reservedThumbnailSize", "Thumbnail bytes that live reservations hold"),
            Map.entry("used", "Bytes used: the size and thumbnails of every asset the user owns"),
            Map.entry("storagePackTotal", "Bytes of the user's storage packs active now"),
            Map.entry("storage_pack_total", "Bytes of the user's storage packs active now"),
            Map.entry("total", "The user's capacity: their quota (else their plan's capacity, else 0) plus active packs"));
    private static final Set<String> INSTANTS = Set.of("lastCalculated", "lastChecked", "expiresAt", "activeFrom", "createdAt",
            "started", "finished", "created_at", "access_expires", "refresh_expires");

    private ResponseSchemas() {
    }

    /** Instants as date-time, JSON-LD links as URIs, and examples from the seeds on the DLCS, Cocoon and Cloudreve bodies. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void describe(Map<String, Schema> schemas, Set<String> requests) {
        for (Map.Entry<String, Schema> component : schemas.entrySet()) {
            Map<String, Schema> properties = component.getValue().getProperties();
            if (properties == null || requests.contains(component.getKey())) {
                continue;
            }
            properties.forEach((name, property) -> {
                if (property.getDescription() == null && property.get$ref() == null && PROPERTIES.containsKey(name)) {
                    property.description(PROPERTIES.get(name));
                }
                if (INSTANTS.contains(name) && "string".equals(property.getType())) {
                    property.format(DATE_TIME);
                }
                if ("@id".equals(name) && "string".equals(property.getType())) {
                    property.format("uri");
                }
            });
            if (properties.containsKey("correlation_id")) {
                properties.get("correlation_id").format("uuid")
                        .description("Only in a failure: the id the service's log line carries too");
                properties.get("code").description("0 on success; otherwise Cloudreve's error code");
            }
        }
        example(schemas, "CustomerStorage", "@context", "https://api.dlcs.example/contexts/CustomerStorage.jsonld",
                "@id", "https://api.dlcs.example/customers/2/storage", "@type", "vocab:CustomerStorage",
                "numberOfStoredImages", 20, "totalSizeOfStoredImages", 150536377, "totalSizeOfThumbnails", 4963884,
                "lastCalculated", "2026-02-23T01:00:44.474249Z", "storagePolicy", "https://api.dlcs.example/storagePolicies/default");
        example(schemas, "ImageStorage", "@context", "https://api.dlcs.example/contexts/ImageStorage.jsonld",
                "@id", "https://api.dlcs.example/customers/2/spaces/5/images/my-asset/storage", "@type", "vocab:ImageStorage",
                "thumbnailSize", 115874, "size", 4082121, "lastChecked", "2026-02-18T16:22:11.483594Z", "checkingInProgress", false);
        example(schemas, "StoragePolicyResource", "@context", "https://api.dlcs.example/contexts/StoragePolicy.jsonld",
                "@id", "https://api.dlcs.example/storagePolicies/default", "@type", "vocab:StoragePolicy",
                "maximumNumberOfStoredImages", 1000000000, "maximumTotalSizeOfStoredImages", 1125899906842624L);
        example(schemas, "StorageStatistics", "organisationQuota", "4194304", "objectStorageRequired", "10240",
                "objectStorageUsed", "67026768");
        example(schemas, "Capacity", "total", 3702272294912L, "used", 7946323095L, "storage_pack_total", 1503249039360L);
    }

    @SuppressWarnings("rawtypes")
    private static void example(Map<String, Schema> schemas, String component, Object... fields) {
        Schema schema = schemas.get(component);
        if (schema == null) {
            throw new IllegalStateException("no schema " + component + " to give an example to");
        }
        Map<String, Object> example = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            example.put((String) fields[i], fields[i + 1]);
        }
        schema.setExample(example);
    }
}
