package dev.storageledger.web.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.audit.Job;
import dev.storageledger.audit.Jobs;
import dev.storageledger.audit.RecalculationResult;
import dev.storageledger.audit.Recalculator;
import dev.storageledger.failure.Failure;
import dev.storageledger.ledger.Scope;
import dev.storageledger.security.Access;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonLd;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recalculations: started by the administrator or the customer's key (202 with the job to poll), and
 * read back while and after they run. Every customer at once: the administrator only.
 */
@RestController
class RecalculationController {

    private final Recalculator recalculator;
    private final Jobs jobs;
    private final PublicUrl publicUrl;

    RecalculationController(Recalculator recalculator, Jobs jobs, PublicUrl publicUrl) {
        this.recalculator = recalculator;
        this.jobs = jobs;
        this.publicUrl = publicUrl;
    }

    /** One scope whose totals differed from its records: how much more the totals said (negative: less). */
    @JsonPropertyOrder({"scope", "numberOfStoredImages", "totalSizeOfStoredImages", "totalSizeOfThumbnails"})
    record Drift(String scope, long numberOfStoredImages, long totalSizeOfStoredImages, long totalSizeOfThumbnails) {

        static Drift of(RecalculationResult.Drift drift) {
            return new Drift(drift.scope(), drift.numberOfStoredImages(), drift.totalSizeOfStoredImages(), drift.totalSizeOfThumbnails());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@context", "@id", "@type", "scope", "state", "recordsChecked", "recordsTotal", "started", "finished",
            "scopesChecked", "driftFound", "drift", "error"})
    record RecalculationResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            String scope,
            String state,
            long recordsChecked,
            Long recordsTotal,
            String started,
            String finished,
            Long scopesChecked,
            Integer driftFound,
            List<Drift> drift,
            String error) {

        RecalculationResource {
            drift = drift == null ? null : List.copyOf(drift);
        }

        static RecalculationResource of(String base, Job job) {
            String path = job.customer() == null ? "/storage/recalculations/" : "/customers/" + job.customer() + "/storage/recalculations/";
            String scope = job.customer() == null ? "every customer"
                    : job.space() == null ? new Scope.Customer(job.customer()).toString() : new Scope.Space(job.customer(), job.space()).toString();
            Optional<RecalculationResult> result = job.result(RecalculationResult.class);
            List<Drift> drift = result.map(found -> found.drift().stream().map(Drift::of).toList()).orElse(null);
            return new RecalculationResource(JsonLd.context(base, "Recalculation"), base + path + job.id(), JsonLd.type("Recalculation"),
                    scope, job.state().id(), job.done(), job.total(), Objects.toString(job.startedAt(), null),
                    Objects.toString(job.finishedAt(), null), result.map(RecalculationResult::scopesChecked).orElse(null),
                    drift == null ? null : drift.size(), drift, job.error());
        }
    }

    @OperationDocumentation(id = "recalculateCustomer", tag = Tag.JOBS, caller = Caller.CUSTOMER_KEY,
            summary = "Recalculate a customer's totals",
            description = "202 with the job to poll at its Location. It recomputes every total from the records, "
                    + "repairs drift and stamps lastCalculated. 429 when the customer has the most jobs allowed "
                    + "queued or running.",
            success = {202}, failures = {400, 401, 403, 404, 429, 503})
    @PostMapping("/customers/{customer}/storage/recalculations")
    ResponseEntity<RecalculationResource> recalculateCustomer(@PathVariable("customer") String customerId, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        Access.requireCustomer(customer);
        return accepted(request, recalculator.start(customer, null));
    }

    @OperationDocumentation(id = "recalculateSpace", tag = Tag.JOBS, caller = Caller.CUSTOMER_KEY,
            summary = "Recalculate a space's totals",
            description = "As for a customer, for one space.",
            success = {202}, failures = {400, 401, 403, 404, 429, 503})
    @PostMapping("/customers/{customer}/spaces/{space}/storage/recalculations")
    ResponseEntity<RecalculationResource> recalculateSpace(@PathVariable("customer") String customerId,
            @PathVariable("space") String spaceId, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        int space = Ids.space(spaceId);
        Access.requireCustomer(customer);
        return accepted(request, recalculator.start(customer, space));
    }

    @OperationDocumentation(id = "recalculateEverything", tag = Tag.JOBS, caller = Caller.ADMINISTRATOR,
            summary = "Recalculate every customer's totals",
            description = "202 with the job to poll at its Location.",
            success = {202}, failures = {400, 401, 403, 429, 503})
    @PostMapping("/storage/recalculations")
    ResponseEntity<RecalculationResource> recalculateEverything(HttpServletRequest request) {
        return accepted(request, recalculator.start(null, null));
    }

    @OperationDocumentation(id = "getCustomerRecalculation", tag = Tag.JOBS, caller = Caller.CUSTOMER_READER,
            summary = "Read a recalculation of a customer or space",
            description = "Its state (queued, running, succeeded, failed), progress and the drift it found. With "
                    + "`Prefer: wait=N` (RFC 7240) the answer waits up to N seconds (60 at most) for the job to "
                    + "finish, instead of the client polling.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/storage/recalculations/{job}")
    RecalculationResource get(@PathVariable("customer") String customerId, @PathVariable("job") String jobId, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        Access.requireReader(customer);
        Job job = recalculation(Ids.name("job", jobId));
        if (!Objects.equals(job.customer(), customer)) {
            throw notFound(jobId);
        }
        return RecalculationResource.of(publicUrl.base(request), jobs.await(job, PreferWait.of(request.getHeader(PreferWait.HEADER))));
    }

    @OperationDocumentation(id = "getRecalculation", tag = Tag.JOBS, caller = Caller.ADMINISTRATOR,
            summary = "Read a recalculation of every customer",
            description = "Its state, progress and the drift it found; `Prefer: wait=N` as for a customer's "
                    + "recalculation.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/storage/recalculations/{job}")
    RecalculationResource getEverything(@PathVariable("job") String jobId, HttpServletRequest request) {
        Job job = recalculation(Ids.name("job", jobId));
        if (job.customer() != null) {
            throw notFound(jobId);
        }
        return RecalculationResource.of(publicUrl.base(request), jobs.await(job, PreferWait.of(request.getHeader(PreferWait.HEADER))));
    }

    private Job recalculation(String id) {
        Job job = jobs.get(id);
        if (job.kind() != Job.Kind.RECALCULATION) {
            throw notFound(id);
        }
        return job;
    }

    private static Failure notFound(String id) {
        return Failure.notFound("There is no recalculation '" + id + "' here");
    }

    private ResponseEntity<RecalculationResource> accepted(HttpServletRequest request, Job job) {
        RecalculationResource resource = RecalculationResource.of(publicUrl.base(request), job);
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", resource.id()).body(resource);
    }
}
