package dev.storageledger.web.admin;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The listings: every customer with its quota state (ordered by usage, filtered by state), and a customer's spaces,
 * users, live reservations and jobs, each paged, and each read only by those who may read that customer.
 */
class ListingIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "listing-password";

    private JsonNode page(LedgerClient client, String path) {
        LedgerClient.Response answer = client.get(path);
        assertThat(answer.status()).as("%s: %s", path, answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** Every member of a collection, following its view's "next" links from {@code path}. */
    private List<JsonNode> everyMember(LedgerClient client, String path) {
        List<JsonNode> members = new ArrayList<>();
        String next = path;
        long total = -1;
        while (next != null) {
            JsonNode page = page(client, next);
            total = page.get("totalItems").asLong();
            page.get("member").forEach(members::add);
            JsonNode link = page.get("view").get("next");
            next = link == null ? null : link.asString().substring(link.asString().indexOf("/customers"));
        }
        assertThat(members).as("the members of every page of %s", path).hasSize((int) total);
        return members;
    }

    private static List<String> ids(List<JsonNode> members) {
        return members.stream().map(member -> member.get("@id").asString()).toList();
    }

    private static String customerUrl(List<JsonNode> members, int customer) {
        return members.stream().map(member -> member.get("@id").asString()).filter(id -> id.endsWith("/customers/" + customer))
                .findFirst().orElseThrow(() -> new AssertionError("customer " + customer + " is not listed"));
    }

    @Test
    void customers_are_ordered_by_the_fraction_of_their_tightest_limit_and_filtered_by_its_state() {
        int half = newCustomerId();
        int nearing = newCustomerId();
        int critical = newCustomerId();
        int exceeded = newCustomerId();
        int byImages = newCustomerId();
        String policy = "listing-" + half;
        given.policy(policy, 100, 1000);
        for (int customer : List.of(half, nearing, critical, exceeded, byImages)) {
            given.customer(customer, policy);
            given.space(customer, 1);
        }
        given.asset(half, 1, "a", object("size", 500));
        given.asset(nearing, 1, "a", object("size", 950));
        // 900 stored and 95 reserved take 99.5%: a reservation counts as the quota counts it.
        given.asset(critical, 1, "a", object("size", 900));
        assertThat(admin().post("/customers/" + critical + "/reservations", object("space", 1, "size", 95)).status()).isEqualTo(201);
        given.asset(exceeded, 1, "a", object("size", 1000));
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            records.add(object("space", 1, "asset", "i" + i, "size", 1));
        }
        given.records(byImages, records);

        List<JsonNode> byUsage = everyMember(admin(), "/customers?orderBy=usage&pageSize=1000");
        List<String> order = ids(byUsage);
        assertThat(order.indexOf(customerUrl(byUsage, exceeded))).isLessThan(order.indexOf(customerUrl(byUsage, critical)));
        assertThat(order.indexOf(customerUrl(byUsage, critical))).isLessThan(order.indexOf(customerUrl(byUsage, byImages)));
        assertThat(order.indexOf(customerUrl(byUsage, byImages))).isLessThan(order.indexOf(customerUrl(byUsage, nearing)));
        assertThat(order.indexOf(customerUrl(byUsage, nearing))).isLessThan(order.indexOf(customerUrl(byUsage, half)));
        for (int i = 1; i < byUsage.size(); i++) {
            assertThat(byUsage.get(i).get("fractionUsed").asDouble()).as("the fraction of member %d", i)
                    .isLessThanOrEqualTo(byUsage.get(i - 1).get("fractionUsed").asDouble());
        }

        // Each member says what the customer's own quota says.
        for (int customer : List.of(half, nearing, critical, exceeded, byImages)) {
            JsonNode member = byUsage.get(order.indexOf(customerUrl(byUsage, customer)));
            JsonNode quota = page(admin(), "/customers/" + customer + "/quota");
            assertThat(member.get("state").asString()).as("customer %d", customer).isEqualTo(quota.get("state").asString());
            assertThat(member.get("name").asString()).isEqualTo("customer " + customer);
            assertThat(member.get("storagePolicy").asString()).endsWith("/storagePolicies/" + policy);
        }
        JsonNode nearingMember = byUsage.get(order.indexOf(customerUrl(byUsage, nearing)));
        assertThat(nearingMember.get("totalSizeOfStoredImages").asLong()).isEqualTo(950);
        assertThat(nearingMember.get("numberOfStoredImages").asLong()).isEqualTo(1);
        assertThat(nearingMember.get("fractionUsed").asDouble()).isEqualTo(0.95);
        assertThat(byUsage.get(order.indexOf(customerUrl(byUsage, byImages))).get("fractionUsed").asDouble()).isEqualTo(0.96);

        for (String state : List.of("normal", "nearing", "critical", "exceeded")) {
            List<JsonNode> inState = everyMember(admin(), "/customers?state=" + state + "&pageSize=1000");
            assertThat(inState).as(state).allSatisfy(member -> assertThat(member.get("state").asString()).isEqualTo(state));
            assertThat(inState.stream().filter(member -> member.get("state").asString().equals(state)).count())
                    .as("every customer in %s", state)
                    .isEqualTo(byUsage.stream().filter(member -> member.get("state").asString().equals(state)).count());
        }
        List<String> nearingIds = ids(everyMember(admin(), "/customers?state=nearing&orderBy=usage&pageSize=1000"));
        assertThat(nearingIds).anyMatch(id -> id.endsWith("/customers/" + nearing)).anyMatch(id -> id.endsWith("/customers/" + byImages))
                .noneMatch(id -> id.endsWith("/customers/" + half) || id.endsWith("/customers/" + critical)
                        || id.endsWith("/customers/" + exceeded));
    }

    @Test
    void a_page_of_customers_is_a_slice_of_the_whole_ordered_listing_and_its_links_keep_the_order_and_filter() {
        for (int i = 0; i < 5; i++) {
            given.customer(newCustomerId());
        }
        List<String> whole = ids(everyMember(admin(), "/customers?orderBy=usage&pageSize=1000"));
        JsonNode second = page(admin(), "/customers?orderBy=usage&page=2&pageSize=2");
        assertThat(ids(toList(second.get("member")))).isEqualTo(whole.subList(2, 4));
        assertThat(second.get("totalItems").asLong()).isEqualTo(whole.size());
        assertThat(second.get("view").get("next").asString()).endsWith("/customers?orderBy=usage&page=3&pageSize=2");
        assertThat(second.get("view").get("previous").asString()).endsWith("/customers?orderBy=usage&page=1&pageSize=2");
        assertThat(page(admin(), "/customers?state=exceeded&orderBy=usage").get("view").get("first").asString())
                .endsWith("/customers?orderBy=usage&state=exceeded&page=1&pageSize=100");
        List<String> byId = ids(everyMember(admin(), "/customers?pageSize=1000"));
        assertThat(byId).containsExactlyInAnyOrderElementsOf(whole);
        List<Integer> numbers = byId.stream().map(id -> Integer.parseInt(id.substring(id.lastIndexOf('/') + 1))).toList();
        assertThat(numbers).isSorted();
    }

    @Test
    void bad_listing_parameters_are_refused_naming_them() {
        assertThat(admin().get("/customers?orderBy=size").status()).isEqualTo(400);
        assertThat(admin().get("/customers?orderBy=size").json().get("detail").asString()).contains("orderBy");
        assertThat(admin().get("/customers?state=full").json().get("detail").asString()).contains("state");
        assertThat(admin().get("/customers?pageSize=1001").json().get("detail").asString()).contains("pageSize");
        int customer = newCustomerId();
        given.customer(customer);
        assertThat(admin().get("/customers/" + customer + "/users?orderBy=name").status()).isEqualTo(400);
        assertThat(admin().get("/customers/" + customer + "/spaces?page=0").status()).isEqualTo(400);
        int unknown = newCustomerId();
        for (String listing : List.of("spaces", "users", "reservations", "jobs")) {
            assertThat(admin().get("/customers/" + unknown + "/" + listing).status()).as(listing).isEqualTo(404);
        }
    }

    @Test
    void a_customers_spaces_are_paged_by_id_with_their_totals() {
        int customer = newCustomerId();
        given.customer(customer);
        given.policy("listing-space-" + customer, 10, 10);
        given.space(customer, 3);
        given.space(customer, 1, "listing-space-" + customer);
        given.space(customer, 2);
        given.asset(customer, 2, "a", object("size", 7, "thumbnailSize", 3));

        JsonNode first = page(admin(), "/customers/" + customer + "/spaces?pageSize=2");
        assertThat(first.get("totalItems").asLong()).isEqualTo(3);
        assertThat(first.get("view").get("totalPages").asLong()).isEqualTo(2);
        List<JsonNode> members = toList(first.get("member"));
        assertThat(members).extracting(member -> member.get("id").asInt()).containsExactly(1, 2);
        assertThat(members.get(0).get("storagePolicy").asString()).endsWith("/storagePolicies/listing-space-" + customer);
        assertThat(members.get(1).has("storagePolicy")).isFalse();
        assertThat(members.get(1).get("@id").asString()).endsWith("/customers/" + customer + "/spaces/2");
        assertThat(members.get(1).get("numberOfStoredImages").asLong()).isEqualTo(1);
        assertThat(members.get(1).get("totalSizeOfStoredImages").asLong()).isEqualTo(7);
        assertThat(members.get(1).get("totalSizeOfThumbnails").asLong()).isEqualTo(3);
        JsonNode second = page(admin(), "/customers/" + customer + "/spaces?pageSize=2&page=2");
        assertThat(toList(second.get("member"))).extracting(member -> member.get("id").asInt()).containsExactly(3);
        assertThat(toList(page(admin(), "/customers/" + customer + "/spaces?pageSize=2&page=3").get("member"))).isEmpty();
    }

    @Test
    void a_customers_users_are_ordered_by_the_fraction_of_their_capacity_with_their_packs() {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        given.plan("listing-" + customer, 100);
        given.user(customer, "half", object("quota", 100));
        given.user(customer, "nearing", object("plan", "listing-" + customer));
        given.user(customer, "nothing", object("quota", 0));
        given.user(customer, "reserved", object("quota", 1000));
        Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        given.pack(customer, "nearing", "extra", 100, expiry);
        given.asset(customer, 1, "h", object("size", 40, "thumbnailSize", 10, "owner", "half"));
        given.asset(customer, 1, "n", object("size", 190, "owner", "nearing"));
        assertThat(admin().post("/customers/" + customer + "/reservations", object("space", 1, "owner", "reserved", "size", 995))
                .status()).isEqualTo(201);

        List<JsonNode> byUsage = everyMember(admin(), "/customers/" + customer + "/users?orderBy=usage&pageSize=3");
        assertThat(byUsage).extracting(member -> member.get("id").asString()).containsExactly("nothing", "reserved", "nearing", "half");
        assertThat(byUsage).extracting(member -> member.get("state").asString())
                .containsExactly("exceeded", "critical", "nearing", "normal");
        JsonNode nearing = byUsage.get(2);
        assertThat(nearing.get("used").asLong()).isEqualTo(190);
        assertThat(nearing.get("capacity").asLong()).isEqualTo(200);
        assertThat(nearing.get("storagePackTotal").asLong()).isEqualTo(100);
        assertThat(nearing.get("fractionUsed").asDouble()).isEqualTo(0.95);
        assertThat(nearing.get("storagePacks")).hasSize(1);
        assertThat(nearing.get("storagePacks").get(0).get("expiresAt").asString()).isEqualTo(expiry.toString());
        assertThat(byUsage.get(1).get("reservedSize").asLong()).isEqualTo(995);
        assertThat(byUsage.get(3).get("used").asLong()).isEqualTo(50);
        for (JsonNode member : byUsage) {
            JsonNode quota = page(admin(), "/customers/" + customer + "/users/" + member.get("id").asString() + "/quota");
            assertThat(member.get("state").asString()).as(member.get("id").asString()).isEqualTo(quota.get("state").asString());
        }

        JsonNode second = page(admin(), "/customers/" + customer + "/users?orderBy=usage&pageSize=3&page=2");
        assertThat(second.get("view").get("previous").asString())
                .endsWith("/customers/" + customer + "/users?orderBy=usage&page=1&pageSize=3");
        assertThat(everyMember(admin(), "/customers/" + customer + "/users")).extracting(member -> member.get("id").asString())
                .containsExactly("half", "nearing", "nothing", "reserved");
    }

    @Test
    void a_customers_webhooks_are_paged() {
        int customer = newCustomerId();
        given.customer(customer);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(given.webhook(customer, "http://127.0.0.1:9/hook-" + i, List.of("drift.found")).json().get("@id").asString());
        }
        JsonNode first = page(admin(), "/customers/" + customer + "/webhooks?pageSize=2");
        assertThat(first.get("totalItems").asLong()).isEqualTo(3);
        assertThat(ids(toList(first.get("member")))).containsExactlyElementsOf(made.subList(0, 2));
        assertThat(toList(first.get("member"))).allSatisfy(member -> assertThat(member.has("secret")).isFalse());
        assertThat(ids(everyMember(admin(), "/customers/" + customer + "/webhooks?pageSize=2"))).containsExactlyElementsOf(made);
    }

    @Test
    void a_customers_reservations_are_its_live_ones() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        LedgerClient admin = admin();
        String lasting = admin.post("/customers/" + customer + "/reservations", object("space", 1, "size", 5)).json().get("@id").asString();
        JsonNode brief = admin.post("/customers/" + customer + "/reservations", object("space", 1, "size", 6, "ttlSeconds", 1)).json();
        assertThat(ids(everyMember(admin, "/customers/" + customer + "/reservations"))).containsExactly(brief.get("@id").asString(), lasting);

        clock.movePast(Instant.parse(brief.get("expiresAt").asString()));
        List<JsonNode> live = everyMember(admin, "/customers/" + customer + "/reservations");
        assertThat(ids(live)).containsExactly(lasting);
        assertThat(live.get(0).get("size").asLong()).isEqualTo(5);
        assertThat(live.get(0).get("space").asInt()).isEqualTo(1);
    }

    @Test
    void a_customers_jobs_are_listed_newest_first() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        LedgerClient admin = admin();
        String first = finishedRecalculation(admin, customer);
        String second = finishedRecalculation(admin, customer);

        List<JsonNode> jobs = everyMember(admin, "/customers/" + customer + "/jobs");
        assertThat(ids(jobs)).containsExactly(second, first);
        assertThat(jobs.get(0).get("@type").asString()).isEqualTo("vocab:Recalculation");
        assertThat(jobs.get(0).get("state").asString()).isEqualTo("succeeded");
        JsonNode paged = page(admin, "/customers/" + customer + "/jobs?pageSize=1&page=2");
        assertThat(ids(toList(paged.get("member")))).containsExactly(first);
    }

    private String finishedRecalculation(LedgerClient admin, int customer) throws Exception {
        LedgerClient.Response started = admin.post("/customers/" + customer + "/storage/recalculations", null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String job = started.json().get("@id").asString();
        String path = job.substring(job.indexOf("/customers"));
        Poll.until(() -> admin.get(path).json().get("state").asString().equals("succeeded"), Duration.ofSeconds(30));
        return job;
    }

    @Test
    void only_the_administrator_lists_every_customer_and_a_customers_listings_are_its_readers_alone() {
        int customer = newCustomerId();
        int other = newCustomerId();
        given.customer(customer);
        given.customer(other);
        JsonNode key = admin().post("/customers/" + customer + "/keys", null).json();
        LedgerClient ownKey = as(key.get("key").asString(), key.get("secret").asString());
        given.user(customer, "boss", object("password", PASSWORD, "roles", List.of("organisationAdministrator")));
        given.user(customer, "maker", object("password", PASSWORD, "roles", List.of("originator")));
        LedgerClient organisationAdministrator = bearer(login(Given.email(customer, "boss"), PASSWORD).get("access_token").asString());
        LedgerClient originator = bearer(login(Given.email(customer, "maker"), PASSWORD).get("access_token").asString());

        assertThat(anonymous().get("/customers").status()).isEqualTo(401);
        assertThat(ownKey.get("/customers").status()).isEqualTo(403);
        assertThat(organisationAdministrator.get("/customers").status()).isEqualTo(403);
        for (String listing : List.of("spaces", "users", "reservations", "jobs", "webhooks")) {
            String own = "/customers/" + customer + "/" + listing;
            String others = "/customers/" + other + "/" + listing;
            assertThat(anonymous().get(own).status()).as(own).isEqualTo(401);
            assertThat(bearer("not a token").get(own).status()).as(own).isEqualTo(401);
            assertThat(ownKey.get(own).status()).as(own).isEqualTo(200);
            assertThat(organisationAdministrator.get(own).status()).as(own).isEqualTo(200);
            assertThat(admin().get(others).status()).as(others).isEqualTo(200);
            assertThat(ownKey.get(others).status()).as(others).isEqualTo(403);
            assertThat(organisationAdministrator.get(others).status()).as(others).isEqualTo(403);
            assertThat(originator.get(own).status()).as(own).isEqualTo(403);
        }
        // A user reads their own user resource, packs, quota and history, and no other user's.
        for (String own : List.of("", "/storagePacks", "/quota", "/storage/history")) {
            assertThat(originator.get("/customers/" + customer + "/users/maker" + own).status()).as(own).isEqualTo(200);
            assertThat(originator.get("/customers/" + customer + "/users/boss" + own).status()).as(own).isEqualTo(403);
        }
        assertThat(originator.get("/customers/" + customer + "/storage").status()).isEqualTo(403);
        assertThat(organisationAdministrator.get("/customers/" + customer + "/users/maker/quota").status()).isEqualTo(200);
        assertThat(organisationAdministrator.get("/customers/" + customer + "/quota").status()).isEqualTo(200);
        // A token reads; it writes nothing, not even what the customer's keys may write.
        assertThat(organisationAdministrator.post("/customers/" + customer + "/keys", null).status()).isEqualTo(403);
        assertThat(organisationAdministrator.put("/customers/" + customer, object("name", "taken over")).status()).isEqualTo(403);
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
