package dev.storageledger.web.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.audit.AssetChecker;
import dev.storageledger.audit.Job;
import dev.storageledger.audit.Jobs;
import dev.storageledger.audit.Reconciler;
import dev.storageledger.audit.ReconciliationResult;
import dev.storageledger.failure.Failure;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.read.AssetStorage;
import dev.storageledger.security.Access;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonLd;
import dev.storageledger.web.JsonObject;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.StorageResources;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The ledger against the real storage: a check of one asset, and reconciliations of a customer or a
 * space, both started by the administrator (202) and read back while and after they run.
 */
@RestController
class RealStorageController {

    private final AssetChecker checker;
    private final Reconciler reconciler;
    private final Jobs jobs;
    private final PublicUrl publicUrl;

    RealStorageController(AssetChecker checker, Reconciler reconciler, Jobs jobs, PublicUrl publicUrl) {
        this.checker = checker;
        this.reconciler = reconciler;
        this.jobs = jobs;
        this.publicUrl = publicUrl;
    }

    /** 202 with the asset's ImageStorage, checkingInProgress: true until the measured figures are in. */
    @OperationDocumentation(id = "checkImageStorage", tag = Tag.JOBS, caller = Caller.ADMINISTRATOR,
            summary = "Measure an asset's real storage",
            description = "202; while the check runs the asset's ImageStorage says checkingInProgress. Then its "
                    + "sizes are what its files measure, and every total has moved with them. 409 when no storage is "
                    + "configured.",
            success = {202}, failures = {400, 401, 403, 404, 409, 429, 503})
    @PostMapping("/customers/{customer}/spaces/{space}/images/{asset}/storage/check")
    ResponseEntity<StorageResources.ImageStorage> check(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId,
            @PathVariable("asset") String assetId, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        AssetRef ref = new AssetRef(Ids.space(spaceId), Ids.name("asset", assetId));
        AssetStorage asset = checker.start(customer, ref);
        StorageResources.ImageStorage resource = StorageResources.ImageStorage.of(publicUrl.base(request), customer, asset.asset(), asset.checking());
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", resource.id()).body(resource);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@context", "@id", "@type", "scope", "mode", "state", "objectsChecked", "recordsTotal", "started", "finished",
            "matching", "mismatched", "missing", "orphans", "applied", "error"})
    record ReconciliationResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            String scope,
            String mode,
            String state,
            long objectsChecked,
            Long recordsTotal,
            String started,
            String finished,
            Long matching,
            Differences mismatched,
            Differences missing,
            Differences orphans,
            Long applied,
            String error) {

        /** A reconciliation as its job stands; {@code requested} is the mode it was started in, if known. */
        static ReconciliationResource of(String base, Job job, ReconciliationResult.Mode requested) {
            Optional<ReconciliationResult> result = job.result(ReconciliationResult.class);
            ReconciliationResult.Mode mode = result.map(ReconciliationResult::mode).orElse(requested);
            String scope = job.space() == null ? new Scope.Customer(job.customer()).toString()
                    : new Scope.Space(job.customer(), job.space()).toString();
            return new ReconciliationResource(JsonLd.context(base, "Reconciliation"),
                    base + "/customers/" + job.customer() + "/storage/reconciliations/" + job.id(), JsonLd.type("Reconciliation"), scope,
                    mode == null ? null : mode.id(), job.state().id(), job.done(), job.total(),
                    Objects.toString(job.startedAt(), null), Objects.toString(job.finishedAt(), null),
                    result.map(ReconciliationResult::matching).orElse(null),
                    result.map(found -> Differences.of(found.mismatched())).orElse(null),
                    result.map(found -> Differences.of(found.missing())).orElse(null),
                    result.map(found -> Differences.of(found.orphans())).orElse(null),
                    result.map(ReconciliationResult::applied).orElse(null), job.error());
        }
    }

    /** One kind of difference: how many, their bytes, and the first ones. */
    @JsonPropertyOrder({"count", "size", "thumbnailSize", "items"})
    record Differences(long count, long size, long thumbnailSize, List<Item> items) {

        Differences {
            items = List.copyOf(items);
        }

        static Differences of(ReconciliationResult.Differences differences) {
            return new Differences(differences.count(), differences.size(), differences.thumbnailSize(),
                    differences.items().stream().map(Item::of).toList());
        }
    }

    /** One asset that differs: what the ledger records (absent for an orphan) and what is stored (absent when missing). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"space", "asset", "size", "thumbnailSize", "measuredSize", "measuredThumbnailSize"})
    record Item(int space, String asset, Long size, Long thumbnailSize, Long measuredSize, Long measuredThumbnailSize) {

        static Item of(ReconciliationResult.Item item) {
            return new Item(item.space(), item.asset(), item.size(), item.thumbnailSize(), item.measuredSize(),
                    item.measuredThumbnailSize());
        }
    }

    /** {"space"?: a space of the customer, "apply"?: false}: a dry run unless apply is true. */
    @OperationDocumentation(id = "reconcileCustomer", tag = Tag.JOBS, caller = Caller.ADMINISTRATOR,
            summary = "Reconcile a customer's records with the real storage",
            description = "202 with the job to poll at its Location: mismatched, missing and orphan assets. A dry "
                    + "run unless apply is true. The body may be left out. 409 when no storage is configured.",
            body = "ReconciliationRequest", bodyRequired = false, success = {202},
            failures = {400, 401, 403, 404, 409, 415, 429, 503})
    @PostMapping("/customers/{customer}/storage/reconciliations")
    ResponseEntity<ReconciliationResource> reconcile(@PathVariable("customer") String customerId,
            @RequestBody(required = false) JsonNode body, HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        Integer space = null;
        boolean apply = false;
        if (body != null) {
            List<String> problems = new ArrayList<>();
            JsonObject fields = JsonObject.read(body, "", problems, Set.of("space", "apply"));
            if (fields != null) {
                space = fields.has("space") ? fields.space("space") : null;
                apply = fields.flag("apply");
            }
            if (!problems.isEmpty()) {
                throw Failure.invalid(problems);
            }
        }
        ReconciliationResource resource = ReconciliationResource.of(publicUrl.base(request), reconciler.start(customer, space, apply),
                ReconciliationResult.Mode.of(apply));
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", resource.id()).body(resource);
    }

    @OperationDocumentation(id = "getReconciliation", tag = Tag.JOBS, caller = Caller.CUSTOMER_READER,
            summary = "Read a reconciliation",
            description = "Its state and, once finished, what it found. With `Prefer: wait=N` (RFC 7240) the answer "
                    + "waits up to N seconds (60 at most) for the job to finish.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/storage/reconciliations/{job}")
    ReconciliationResource reconciliation(@PathVariable("customer") String customerId, @PathVariable("job") String jobId,
            HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        Access.requireReader(customer);
        Job job = jobs.get(Ids.name("job", jobId));
        if (job.kind() != Job.Kind.RECONCILIATION || !Objects.equals(job.customer(), customer)) {
            throw Failure.notFound("There is no reconciliation '" + jobId + "' of customer " + customer);
        }
        return ReconciliationResource.of(publicUrl.base(request), jobs.await(job, PreferWait.of(request.getHeader(PreferWait.HEADER))), null);
    }
}
