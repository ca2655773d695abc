package dev.storageledger.web.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.account.AccountService;
import dev.storageledger.account.StoragePack;
import dev.storageledger.audit.Job;
import dev.storageledger.audit.Jobs;
import dev.storageledger.customer.CustomerRepository;
import dev.storageledger.customer.CustomerService;
import dev.storageledger.failure.Failure;
import dev.storageledger.ledger.limit.Fullness;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.ledger.reservation.LiveReservations;
import dev.storageledger.quota.QuotaListings;
import dev.storageledger.security.Access;
import dev.storageledger.web.HydraCollection;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonLd;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.StorageResources;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The listings (paged Hydra collections): every customer with its storage and quota state (the administrator), and a
 * customer's spaces, users, live reservations and jobs (the administrator, a key of the customer, or an organisation
 * administrator of it). Ordered and filtered by the database, so a page costs the same however many there are.
 */
@RestController
class ListingController {

    private static final String USAGE = "usage";

    private final QuotaListings quotas;
    private final CustomerService customers;
    private final AccountService accounts;
    private final LiveReservations reservations;
    private final Jobs jobs;
    private final PublicUrl publicUrl;

    ListingController(QuotaListings quotas, CustomerService customers, AccountService accounts, LiveReservations reservations,
            Jobs jobs, PublicUrl publicUrl) {
        this.quotas = quotas;
        this.customers = customers;
        this.accounts = accounts;
        this.reservations = reservations;
        this.jobs = jobs;
        this.publicUrl = publicUrl;
    }

    /** A customer in the listing of every customer: its storage, and the state of its policy's worst limit. */
    @JsonPropertyOrder({"@id", "@type", "id", "name", "storagePolicy", "numberOfStoredImages", "totalSizeOfStoredImages",
            "totalSizeOfThumbnails", "reservedImages", "reservedSize", "state", "fractionUsed"})
    record CustomerMember(
            @JsonProperty("@id") String link,
            @JsonProperty("@type") String type,
            int id,
            String name,
            String storagePolicy,
            long numberOfStoredImages,
            long totalSizeOfStoredImages,
            long totalSizeOfThumbnails,
            long reservedImages,
            long reservedSize,
            String state,
            double fractionUsed) {

        static CustomerMember of(String base, QuotaListings.CustomerState customer) {
            var figures = customer.figures();
            return new CustomerMember(base + "/customers/" + figures.customer(), JsonLd.type("Customer"), figures.customer(),
                    figures.name(), StorageResources.policyUrl(base, figures.policy().policy()), figures.stored().images(),
                    figures.stored().size(), figures.stored().thumbnails(), figures.reserved().images(), figures.reserved().size(),
                    customer.state().id(), customer.fractionUsed());
        }
    }

    /** A space in its customer's listing, with its stored totals. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@id", "@type", "id", "name", "created", "storagePolicy", "numberOfStoredImages", "totalSizeOfStoredImages",
            "totalSizeOfThumbnails", "lastCalculated", "storage", "images"})
    record SpaceMember(
            @JsonProperty("@id") String link,
            @JsonProperty("@type") String type,
            int id,
            String name,
            Instant created,
            String storagePolicy,
            long numberOfStoredImages,
            long totalSizeOfStoredImages,
            long totalSizeOfThumbnails,
            Instant lastCalculated,
            String storage,
            String images) {

        static SpaceMember of(String base, CustomerRepository.SpaceTotals totals) {
            var space = totals.space();
            String url = AdminResources.spaceUrl(base, space.customer(), space.id());
            return new SpaceMember(url, JsonLd.type("Space"), space.id(), space.name(), space.created(),
                    space.storagePolicy() == null ? null : StorageResources.policyUrl(base, space.storagePolicy()),
                    totals.usage().images(), totals.usage().size(), totals.usage().thumbnails(), totals.lastCalculated(),
                    url + "/storage", url + "/images");
        }
    }

    /** A user in their customer's listing: what they use against their capacity, its state, and their packs. */
    @JsonPropertyOrder({"@id", "@type", "id", "name", "used", "capacity", "storagePackTotal", "numberOfStoredImages", "reservedSize",
            "reservedThumbnailSize", "state", "fractionUsed", "storagePacks"})
    record UserMember(
            @JsonProperty("@id") String link,
            @JsonProperty("@type") String type,
            String id,
            String name,
            long used,
            long capacity,
            long storagePackTotal,
            long numberOfStoredImages,
            long reservedSize,
            long reservedThumbnailSize,
            String state,
            double fractionUsed,
            List<AccountResources.StoragePackResource> storagePacks) {

        UserMember {
            storagePacks = List.copyOf(storagePacks);
        }
    }

    @OperationDocumentation(id = "listCustomers", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "List every customer",
            description = "Paged; each with its storage, the room its live reservations hold, and the quota state of "
                    + "its policy's worst limit (as its quota gives it) with the greatest fraction of a limit taken. "
                    + "orderBy=usage: by that fraction, highest first; state: only the customers in that state.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers")
    HydraCollection<CustomerMember> customers(@RequestParam(defaultValue = "1") String page,
            @RequestParam(defaultValue = "100") String pageSize, @RequestParam(required = false) String orderBy,
            @RequestParam(required = false) String state, HttpServletRequest request) {
        if (!Access.caller().isAdmin()) {
            throw Failure.forbidden("Only the administrator may list every customer");
        }
        HydraCollection.Paging paging = HydraCollection.Paging.of(page, pageSize);
        boolean byUsage = byUsage(orderBy);
        Fullness filter = state == null ? null : Fullness.named(state).orElseThrow(() -> Failure.invalid(
                "state: must be one of normal, nearing, critical, exceeded, not '" + state + "'"));
        String base = publicUrl.base(request);
        var found = quotas.customers(filter, byUsage, paging.offset(), paging.pageSize());
        List<String> query = new ArrayList<>();
        if (byUsage) {
            query.add("orderBy=" + USAGE);
        }
        if (filter != null) {
            query.add("state=" + filter.id());
        }
        return HydraCollection.page(base, base + "/customers", String.join("&", query),
                found.items().stream().map(customer -> CustomerMember.of(base, customer)).toList(), found.total(), paging);
    }

    @OperationDocumentation(id = "listSpaces", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_READER,
            summary = "List a customer's spaces",
            description = "Paged, by id; each with its stored totals.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/spaces")
    HydraCollection<SpaceMember> spaces(@PathVariable("customer") String customerId, @RequestParam(defaultValue = "1") String page,
            @RequestParam(defaultValue = "100") String pageSize, HttpServletRequest request) {
        int customer = reader(customerId);
        HydraCollection.Paging paging = HydraCollection.Paging.of(page, pageSize);
        String base = publicUrl.base(request);
        List<SpaceMember> members = customers.spaces(customer, paging.offset(), paging.pageSize()).stream()
                .map(space -> SpaceMember.of(base, space)).toList();
        return HydraCollection.page(base, base + "/customers/" + customer + "/spaces", "", members, customers.countSpaces(customer),
                paging);
    }

    @OperationDocumentation(id = "listUsers", tag = Tag.ACCOUNTS, caller = Caller.CUSTOMER_READER,
            summary = "List a customer's users",
            description = "Paged; each with what they use against their capacity, its quota state and fraction taken "
                    + "(stored and reserved), and their packs not yet expired. orderBy=usage: by that fraction, "
                    + "highest first; left out: by id.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/users")
    HydraCollection<UserMember> users(@PathVariable("customer") String customerId, @RequestParam(defaultValue = "1") String page,
            @RequestParam(defaultValue = "100") String pageSize, @RequestParam(required = false) String orderBy,
            HttpServletRequest request) {
        int customer = reader(customerId);
        // Not a parameter of this listing (nor of its OpenAPI document); asked and ignored, it would answer every user as
        // if they were all in that state.
        String state = request.getParameter("state");
        if (state != null) {
            throw Failure.invalid("state: a customer's users are not filtered by state (only GET /customers is), so 'state="
                    + state + "' cannot be answered; orderBy=usage lists the fullest first");
        }
        HydraCollection.Paging paging = HydraCollection.Paging.of(page, pageSize);
        boolean byUsage = byUsage(orderBy);
        String base = publicUrl.base(request);
        StorageReader.Page<QuotaListings.UserState> found = quotas.users(customer, byUsage, paging.offset(), paging.pageSize());
        Map<String, List<StoragePack>> packs = accounts.currentPacks(customer,
                found.items().stream().map(user -> user.figures().user()).toList());
        Instant now = accounts.now();
        List<UserMember> members = found.items().stream().map(user -> {
            var figures = user.figures();
            String id = figures.user();
            return new UserMember(AccountResources.userUrl(base, customer, id), JsonLd.type("User"), id, figures.name(),
                    figures.storage().usage().bytesUsed(), figures.storage().capacity().total(), figures.storage().capacity().packs(),
                    figures.storage().usage().images(), figures.reserved().size(), figures.reserved().thumbnails(), user.state().id(),
                    user.fractionUsed(), packs.getOrDefault(id, List.of()).stream()
                            .map(pack -> AccountResources.StoragePackResource.of(base, customer, id, pack, now, false)).toList());
        }).toList();
        return HydraCollection.page(base, base + "/customers/" + customer + "/users", byUsage ? "orderBy=" + USAGE : "", members,
                found.total(), paging);
    }

    @OperationDocumentation(id = "listReservations", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_READER,
            summary = "List a customer's live reservations",
            description = "Paged; those that expire first first.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/reservations")
    HydraCollection<ReservationController.ReservationResource> reservations(@PathVariable("customer") String customerId,
            @RequestParam(defaultValue = "1") String page, @RequestParam(defaultValue = "100") String pageSize,
            HttpServletRequest request) {
        int customer = reader(customerId);
        HydraCollection.Paging paging = HydraCollection.Paging.of(page, pageSize);
        customers.get(customer);
        String base = publicUrl.base(request);
        List<ReservationController.ReservationResource> members = reservations.page(customer, paging.offset(), paging.pageSize())
                .stream().map(reservation -> ReservationController.ReservationResource.of(base, customer, reservation)).toList();
        return HydraCollection.page(base, base + "/customers/" + customer + "/reservations", "", members,
                reservations.count(customer), paging);
    }

    /** Recalculations and reconciliations of the customer, newest first, each as it reads at its own URL. */
    @OperationDocumentation(id = "listJobs", tag = Tag.JOBS, caller = Caller.CUSTOMER_READER,
            summary = "List a customer's recalculations and reconciliations",
            description = "Paged, newest first; each as it reads at its own URL.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/jobs")
    HydraCollection<Object> jobs(@PathVariable("customer") String customerId, @RequestParam(defaultValue = "1") String page,
            @RequestParam(defaultValue = "100") String pageSize, HttpServletRequest request) {
        int customer = reader(customerId);
        HydraCollection.Paging paging = HydraCollection.Paging.of(page, pageSize);
        customers.get(customer);
        String base = publicUrl.base(request);
        List<Object> members = jobs.audits(customer, paging.offset(), paging.pageSize()).stream()
                .map(job -> job(base, job)).toList();
        return HydraCollection.page(base, base + "/customers/" + customer + "/jobs", "", members, jobs.countAudits(customer), paging);
    }

    private static Object job(String base, Job job) {
        return switch (job.kind()) {
            case RECALCULATION -> RecalculationController.RecalculationResource.of(base, job);
            case RECONCILIATION -> RealStorageController.ReconciliationResource.of(base, job, null);
            case CHECK -> throw new IllegalStateException("a check is not listed with a customer's jobs: " + job.id());
        };
    }

    private static int reader(String customerId) {
        int customer = Ids.customer(customerId);
        Access.requireReader(customer);
        return customer;
    }

    private static boolean byUsage(String orderBy) {
        if (orderBy == null) {
            return false;
        }
        if (!orderBy.equals(USAGE)) {
            throw Failure.invalid("orderBy: the only ordering is 'usage', not '" + orderBy + "'");
        }
        return true;
    }
}
