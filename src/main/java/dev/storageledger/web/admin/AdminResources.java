package dev.storageledger.web.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.customer.Customer;
import dev.storageledger.customer.Space;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.security.KeyService;
import dev.storageledger.web.JsonLd;
import dev.storageledger.web.StorageResources;
import java.time.Instant;

/** The administration surface's resources (our design, api.md "Customers and spaces"). */
final class AdminResources {

    private AdminResources() {
    }

    static String customerUrl(String base, int customer) {
        return base + "/customers/" + customer;
    }

    static String spaceUrl(String base, int customer, int space) {
        return customerUrl(base, customer) + "/spaces/" + space;
    }

    /**
     * A customer, with the room its live reservations hold (storage reads report only what is stored: the seeds'
     * CustomerStorage has no place for it), and links to what it has, as DLCS's Customer links them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@context", "@id", "@type", "id", "name", "displayName", "created", "storagePolicy", "reservedImages",
            "reservedSize", "reservedThumbnailSize", "spaces", "storage", "keys", "users", "reservations", "jobs", "webhooks"})
    record CustomerResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String link,
            @JsonProperty("@type") String type,
            int id,
            String name,
            String displayName,
            Instant created,
            String storagePolicy,
            long reservedImages,
            long reservedSize,
            long reservedThumbnailSize,
            String spaces,
            String storage,
            String keys,
            String users,
            String reservations,
            String jobs,
            String webhooks) {

        static CustomerResource of(String base, Customer customer, Usage reserved) {
            String url = customerUrl(base, customer.id());
            return new CustomerResource(JsonLd.context(base, "Customer"), url, JsonLd.type("Customer"), customer.id(), customer.name(),
                    customer.displayName(), customer.created(), StorageResources.policyUrl(base, customer.storagePolicy()),
                    reserved.images(), reserved.size(), reserved.thumbnails(), url + "/spaces", url + "/storage", url + "/keys",
                    url + "/users", url + "/reservations", url + "/jobs", url + "/webhooks");
        }
    }

    /**
     * A space, with the room its live reservations hold, its count of assets (exact, though DLCS calls it
     * approximate), and links to its storage and its images.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@context", "@id", "@type", "id", "name", "created", "storagePolicy", "approximateNumberOfImages",
            "reservedImages", "reservedSize", "reservedThumbnailSize", "storage", "images"})
    record SpaceResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String link,
            @JsonProperty("@type") String type,
            int id,
            String name,
            Instant created,
            String storagePolicy,
            long approximateNumberOfImages,
            long reservedImages,
            long reservedSize,
            long reservedThumbnailSize,
            String storage,
            String images) {

        static SpaceResource of(String base, Space space, Usage stored, Usage reserved) {
            String url = spaceUrl(base, space.customer(), space.id());
            return new SpaceResource(JsonLd.context(base, "Space"), url, JsonLd.type("Space"), space.id(), space.name(), space.created(),
                    space.storagePolicy() == null ? null : StorageResources.policyUrl(base, space.storagePolicy()), stored.images(),
                    reserved.images(), reserved.size(), reserved.thumbnails(), url + "/storage", url + "/images");
        }
    }

    /** A key just issued: its secret is in this answer only. DELETE of its "@id" revokes it. */
    @JsonPropertyOrder({"@context", "@id", "@type", "key", "secret"})
    record IssuedKey(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String link,
            @JsonProperty("@type") String type,
            String key,
            String secret) {

        static IssuedKey of(String base, int customer, KeyService.IssuedKey issued) {
            return new IssuedKey(JsonLd.context(base, "Key"), customerUrl(base, customer) + "/keys/" + issued.key(), JsonLd.type("Key"),
                    issued.key(), issued.secret());
        }
    }

    @JsonPropertyOrder({"@id", "@type", "key", "createdAt"})
    record KeyResource(@JsonProperty("@id") String id, @JsonProperty("@type") String type, String key, String createdAt) {

        static KeyResource of(String base, int customer, KeyService.KeyInfo key) {
            return new KeyResource(customerUrl(base, customer) + "/keys/" + key.key(), JsonLd.type("Key"), key.key(),
                    key.createdAt().toString());
        }
    }
}
