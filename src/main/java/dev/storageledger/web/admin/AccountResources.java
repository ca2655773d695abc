package dev.storageledger.web.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.account.Plan;
import dev.storageledger.account.Role;
import dev.storageledger.account.StoragePack;
import dev.storageledger.account.User;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.read.OwnerStorage;
import dev.storageledger.web.JsonLd;
import java.time.Instant;
import java.util.List;

/** Plans, users and storage packs as the administration surface shows them (api.md "Accounts"). */
final class AccountResources {

    private AccountResources() {
    }

    static String planUrl(String base, String plan) {
        return base + "/plans/" + plan;
    }

    static String userUrl(String base, int customer, String user) {
        return base + "/customers/" + customer + "/users/" + user;
    }

    @JsonPropertyOrder({"@context", "@id", "@type", "name", "capacity"})
    record PlanResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            String name,
            long capacity) {

        static PlanResource of(String base, Plan plan) {
            return new PlanResource(JsonLd.context(base, "Plan"), planUrl(base, plan.id()), JsonLd.type("Plan"), plan.name(),
                    plan.capacity());
        }
    }

    /**
     * A user and what they store: capacity = quota (or the plan's capacity, or 0) + the packs active now, and used
     * = the size and thumbnails of every asset they own. The password is never shown.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@context", "@id", "@type", "name", "email", "roles", "plan", "quota", "capacity", "storagePackTotal",
            "used", "numberOfStoredImages", "reservedImages", "reservedSize", "reservedThumbnailSize", "createdAt"})
    record UserResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            String name,
            String email,
            List<String> roles,
            String plan,
            Long quota,
            long capacity,
            long storagePackTotal,
            long used,
            long numberOfStoredImages,
            long reservedImages,
            long reservedSize,
            long reservedThumbnailSize,
            String createdAt) {

        UserResource {
            roles = List.copyOf(roles);
        }

        static UserResource of(String base, User user, OwnerStorage storage, Usage reserved) {
            return new UserResource(JsonLd.context(base, "User"), userUrl(base, user.customer(), user.id()), JsonLd.type("User"),
                    user.name(), user.email(), user.roles().stream().map(Role::id).sorted().toList(),
                    user.plan() == null ? null : planUrl(base, user.plan()), user.quota(), storage.capacity().total(),
                    storage.capacity().packs(), storage.usage().bytesUsed(), storage.usage().images(), reserved.images(),
                    reserved.size(), reserved.thumbnails(), user.createdAt().toString());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@context", "@id", "@type", "name", "size", "activeFrom", "expiresAt", "active"})
    record StoragePackResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            String name,
            long size,
            String activeFrom,
            String expiresAt,
            boolean active) {

        /** @param withContext false for a member of a collection, which has the collection's context */
        static StoragePackResource of(String base, int customer, String user, StoragePack pack, Instant now, boolean withContext) {
            return new StoragePackResource(withContext ? JsonLd.context(base, "StoragePack") : null,
                    userUrl(base, customer, user) + "/storagePacks/" + pack.id(), JsonLd.type("StoragePack"), pack.name(),
                    pack.size(), pack.activeFrom().toString(), pack.expiresAt().toString(), pack.isActiveAt(now));
        }
    }
}
