package dev.storageledger.web.dlcs;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A DLCS client that knows only the entry point's URL reaches everything by following links, issues a key and revokes
 * it by its "@id"; customers and spaces change by JSON Merge Patch, only in what the patch names.
 */
class HypermediaIntegrationTest extends IntegrationTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    /** GET of a link (an absolute URL), which must answer 200. */
    private static JsonNode follow(LedgerClient client, String link) {
        LedgerClient.Response answer = client.get(path(link));
        assertThat(answer.status()).as("GET %s: %s", link, answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The path of an absolute URL of this service. */
    private static String path(String link) {
        assertThat(link).startsWith("http://");
        return link.substring(link.indexOf('/', "http://".length()));
    }

    /** The member of a collection (followed page by page through its view's "next") whose "@id" ends so. */
    private static Optional<JsonNode> member(LedgerClient client, String collection, String ending) {
        String next = collection;
        while (next != null) {
            JsonNode page = follow(client, next);
            for (JsonNode member : page.get("member")) {
                if (member.get("@id").asString().endsWith(ending)) {
                    return Optional.of(member);
                }
            }
            JsonNode link = page.get("view").get("next");
            next = link == null ? null : link.asString();
        }
        return Optional.empty();
    }

    @Test
    void a_client_that_knows_only_the_entry_point_reaches_everything_by_links_and_revokes_a_key_by_its_id() {
        int customer = newCustomerId();
        given.policy("hypermedia-" + customer, 100, 10_000);
        given.customer(customer, "hypermedia-" + customer);
        given.space(customer, 4);
        given.asset(customer, 4, "picture", object("size", 300, "thumbnailSize", 20));
        LedgerClient admin = admin();

        LedgerClient.Response entry = anonymous().get("/");
        assertThat(entry.status()).as(entry.body()).isEqualTo(200);
        JsonNode entryPoint = entry.json();
        assertThat(entryPoint.get("@type").asString()).isEqualTo("vocab:EntryPoint");
        assertThat(follow(anonymous(), entryPoint.get("storagePolicies").asString()).get("totalItems").asLong()).isPositive();
        assertThat(follow(admin, entryPoint.get("plans").asString()).get("@type").asString()).isEqualTo("Collection");
        assertThat(follow(anonymous(), entryPoint.get("openApi").asString()).get("openapi").asString()).startsWith("3.");

        String customerLink = member(admin, entryPoint.get("customers").asString(), "/customers/" + customer).orElseThrow()
                .get("@id").asString();
        JsonNode customerResource = follow(admin, customerLink);
        assertThat(customerResource.get("@type").asString()).isEqualTo("vocab:Customer");
        assertThat(Instant.parse(customerResource.get("created").asString())).isBefore(Instant.now().plusSeconds(60));

        String spaceLink = member(admin, customerResource.get("spaces").asString(), "/spaces/4").orElseThrow().get("@id").asString();
        JsonNode space = follow(admin, spaceLink);
        assertThat(space.get("id").asInt()).isEqualTo(4);
        assertThat(space.get("approximateNumberOfImages").asLong()).isEqualTo(1);
        assertThat(Instant.parse(space.get("created").asString())).isAfterOrEqualTo(Instant.parse(customerResource.get("created").asString()));
        JsonNode spaceStorage = follow(admin, space.get("storage").asString());
        assertThat(spaceStorage.get("@type").asString()).isEqualTo("vocab:CustomerStorage");
        assertThat(spaceStorage.get("totalSizeOfStoredImages").asLong()).isEqualTo(300);
        JsonNode policy = follow(anonymous(), spaceStorage.get("storagePolicy").asString());
        assertThat(policy.get("maximumTotalSizeOfStoredImages").asLong()).isEqualTo(10_000);

        JsonNode image = member(admin, space.get("images").asString(), "/images/picture").orElseThrow();
        assertThat(image.get("@type").asString()).isEqualTo("vocab:Image");
        assertThat(follow(admin, image.get("@id").asString()).get("size").asLong()).isEqualTo(300);
        JsonNode imageStorage = follow(admin, image.get("storage").asString());
        assertThat(imageStorage.get("@type").asString()).isEqualTo("vocab:ImageStorage");
        assertThat(imageStorage.get("thumbnailSize").asLong()).isEqualTo(20);
        assertThat(follow(admin, customerResource.get("storage").asString()).get("numberOfStoredImages").asLong()).isEqualTo(1);

        String keys = customerResource.get("keys").asString();
        LedgerClient.Response issued = admin.post(path(keys), null);
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode key = issued.json();
        String keyLink = key.get("@id").asString();
        assertThat(key.get("@type").asString()).isEqualTo("vocab:Key");
        assertThat(issued.header("Location")).isEqualTo(keyLink);
        LedgerClient holder = as(key.get("key").asString(), key.get("secret").asString());
        assertThat(holder.get(path(customerLink)).status()).isEqualTo(200);
        assertThat(member(admin, keys, key.get("key").asString())).hasValueSatisfying(
                listed -> assertThat(listed.get("@id").asString()).isEqualTo(keyLink));

        assertThat(admin.delete(path(keyLink)).status()).isEqualTo(204);
        assertThat(holder.get(path(customerLink)).status()).isEqualTo(401);
        assertThat(member(admin, keys, key.get("key").asString())).isEmpty();
    }

    @Test
    void the_entry_point_needs_no_credentials_and_names_itself() {
        JsonNode entryPoint = anonymous().get("/").json();
        assertThat(entryPoint.get("@id").asString()).endsWith("/");
        assertThat(path(entryPoint.get("@id").asString())).isEqualTo("/");
        assertThat(path(entryPoint.get("customers").asString())).isEqualTo("/customers");
        assertThat(path(entryPoint.get("@context").asString())).isEqualTo("/contexts/EntryPoint.jsonld");
        assertThat(anonymous().get("/contexts/EntryPoint.jsonld").status()).isEqualTo(200);
    }

    @Test
    void a_patch_of_a_spaces_name_keeps_its_policy_and_a_null_policy_removes_it() {
        int customer = newCustomerId();
        given.customer(customer);
        given.policy("patched-" + customer, 10, 10);
        given.space(customer, 1, "patched-" + customer);
        LedgerClient admin = admin();
        String space = "/customers/" + customer + "/spaces/1";

        LedgerClient.Response renamed = admin.send("PATCH", space, "{\"name\": \"renamed\"}", MERGE_PATCH);
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("renamed");
        JsonNode read = admin.get(space).json();
        assertThat(read.get("name").asString()).isEqualTo("renamed");
        assertThat(read.get("storagePolicy").asString()).endsWith("/storagePolicies/patched-" + customer);
        assertThat(admin.get(space + "/storage").json().get("storagePolicy").asString()).endsWith("/storagePolicies/patched-" + customer);

        LedgerClient.Response unpoliced = admin.send("PATCH", space, "{\"storagePolicy\": null}", "application/json");
        assertThat(unpoliced.status()).as(unpoliced.body()).isEqualTo(200);
        read = admin.get(space).json();
        assertThat(read.has("storagePolicy")).isFalse();
        assertThat(read.get("name").asString()).isEqualTo("renamed");
    }

    @Test
    void a_patch_of_a_customer_changes_only_what_it_names() {
        int customer = newCustomerId();
        given.policy("patched-customer-" + customer, 10, 10);
        given.customer(customer, "patched-customer-" + customer);
        LedgerClient admin = admin();
        String path = "/customers/" + customer;

        assertThat(admin.send("PATCH", path, "{\"displayName\": \"The Library\"}", MERGE_PATCH).status()).isEqualTo(200);
        assertThat(admin.send("PATCH", path, "{\"name\": \"library\"}", MERGE_PATCH).status()).isEqualTo(200);
        JsonNode read = admin.get(path).json();
        assertThat(read.get("name").asString()).isEqualTo("library");
        assertThat(read.get("displayName").asString()).isEqualTo("The Library");
        assertThat(read.get("storagePolicy").asString()).endsWith("/storagePolicies/patched-customer-" + customer);

        assertThat(admin.send("PATCH", path, "{\"storagePolicy\": \"default\", \"displayName\": null}", MERGE_PATCH).status())
                .isEqualTo(200);
        read = admin.get(path).json();
        assertThat(read.get("storagePolicy").asString()).endsWith("/storagePolicies/default");
        assertThat(read.has("displayName")).isFalse();
        assertThat(read.get("name").asString()).isEqualTo("library");
    }

    @Test
    void a_patch_naming_an_unknown_field_or_scope_or_a_bad_value_is_refused() {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        LedgerClient admin = admin();

        LedgerClient.Response unknownField = admin.send("PATCH", "/customers/" + customer, "{\"colour\": \"red\"}", MERGE_PATCH);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("detail").asString()).contains("colour");
        LedgerClient.Response spaceField = admin.send("PATCH", "/customers/" + customer + "/spaces/1", "{\"displayName\": \"x\"}",
                MERGE_PATCH);
        assertThat(spaceField.status()).isEqualTo(400);
        assertThat(spaceField.json().get("detail").asString()).contains("displayName");
        LedgerClient.Response nullName = admin.send("PATCH", "/customers/" + customer, "{\"name\": null}", MERGE_PATCH);
        assertThat(nullName.status()).isEqualTo(400);
        assertThat(nullName.json().get("detail").asString()).contains("name");
        assertThat(admin.send("PATCH", "/customers/" + customer, "{\"storagePolicy\": null}", MERGE_PATCH).status()).isEqualTo(400);
        assertThat(admin.send("PATCH", "/customers/" + customer, "{\"storagePolicy\": \"no-such-policy\"}", MERGE_PATCH).status())
                .isEqualTo(400);
        assertThat(admin.send("PATCH", "/customers/" + customer, "[]", MERGE_PATCH).status()).isEqualTo(400);

        int unknown = newCustomerId();
        assertThat(admin.send("PATCH", "/customers/" + unknown, "{\"name\": \"x\"}", MERGE_PATCH).status()).isEqualTo(404);
        assertThat(admin.send("PATCH", "/customers/" + customer + "/spaces/2", "{\"name\": \"x\"}", MERGE_PATCH).status())
                .isEqualTo(404);
        assertThat(admin.send("PATCH", "/customers/" + unknown + "/spaces/1", "{\"name\": \"x\"}", MERGE_PATCH).status())
                .isEqualTo(404);
        assertThat(admin.send("PATCH", "/customers/" + customer, "name=x", "text/plain").status()).isEqualTo(415);

        JsonNode key = admin.post("/customers/" + customer + "/keys", null).json();
        LedgerClient.Response byKey = as(key.get("key").asString(), key.get("secret").asString())
                .send("PATCH", "/customers/" + customer, "{\"name\": \"mine\"}", MERGE_PATCH);
        assertThat(byKey.status()).isEqualTo(403);
        assertThat(admin.get("/customers/" + customer).json().get("name").asString()).isEqualTo("customer " + customer);
    }

    @Test
    void a_spaces_images_are_paged_by_id_and_an_unknown_image_or_space_is_not_found() {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.user(customer, "owner", object("quota", 1000));
        given.asset(customer, 1, "c", object("size", 3));
        given.asset(customer, 1, "a", object("size", 1, "owner", "owner"));
        given.asset(customer, 1, "b", object("size", 2));
        LedgerClient admin = admin();

        JsonNode first = admin.get("/customers/" + customer + "/spaces/1/images?pageSize=2").json();
        assertThat(first.get("totalItems").asLong()).isEqualTo(3);
        assertThat(first.get("member").get(0).get("id").asString()).isEqualTo("a");
        assertThat(first.get("member").get(0).get("owner").asString()).isEqualTo("owner");
        assertThat(first.get("member").get(1).get("id").asString()).isEqualTo("b");
        assertThat(first.get("member").get(1).has("owner")).isFalse();
        JsonNode second = admin.get("/customers/" + customer + "/spaces/1/images?pageSize=2&page=2").json();
        assertThat(second.get("member").get(0).get("size").asLong()).isEqualTo(3);
        assertThat(second.get("member").get(0).get("space").asInt()).isEqualTo(1);

        assertThat(admin.get("/customers/" + customer + "/spaces/1/images/none").status()).isEqualTo(404);
        assertThat(admin.get("/customers/" + customer + "/spaces/2/images").status()).isEqualTo(404);
        int other = newCustomerId();
        given.customer(other);
        JsonNode key = admin.post("/customers/" + other + "/keys", null).json();
        assertThat(as(key.get("key").asString(), key.get("secret").asString()).get("/customers/" + customer + "/spaces/1/images/a")
                .status()).isEqualTo(403);
    }
}
