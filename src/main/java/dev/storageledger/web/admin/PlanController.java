package dev.storageledger.web.admin;

import dev.storageledger.account.AccountService;
import dev.storageledger.account.Plan;
import dev.storageledger.failure.Failure;
import dev.storageledger.web.HydraCollection;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonObject;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Plans: written by the administrator, read by any key. */
@RestController
class PlanController {

    private static final Set<String> FIELDS = Set.of("name", "capacity");

    private final AccountService accounts;
    private final PublicUrl publicUrl;

    PlanController(AccountService accounts, PublicUrl publicUrl) {
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    @OperationDocumentation(id = "putPlan", tag = Tag.ACCOUNTS, caller = Caller.ADMINISTRATOR,
            summary = "Create or replace a plan",
            description = "A plan (Cloudreve's group, Cocoon's plan) gives its users a capacity. 201 when it creates "
                    + "it, 200 when it replaces it.",
            body = "PlanRequest", success = {201, 200}, failures = {400, 401, 403, 415, 429, 503})
    @PutMapping(path = "/plans/{plan}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AccountResources.PlanResource> put(@PathVariable("plan") String planId, @RequestBody JsonNode body,
            HttpServletRequest request) {
        String id = Ids.name("plan", planId);
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, "", problems, FIELDS);
        String name = fields == null ? null : fields.text("name", true, UserController.MAXIMUM_NAME_LENGTH);
        Long capacity = fields == null ? null : fields.size("capacity", true);
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        Plan plan = new Plan(id, name, capacity);
        boolean created = accounts.save(plan);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                .body(AccountResources.PlanResource.of(publicUrl.base(request), plan));
    }

    @OperationDocumentation(id = "getPlan", tag = Tag.ACCOUNTS, caller = Caller.CUSTOMER_KEY, summary = "Read a plan",
            description = "Any key may read plans.",
            failures = {400, 401, 404, 429, 503})
    @GetMapping("/plans/{plan}")
    AccountResources.PlanResource get(@PathVariable("plan") String planId, HttpServletRequest request) {
        return AccountResources.PlanResource.of(publicUrl.base(request), accounts.plan(Ids.name("plan", planId)));
    }

    @OperationDocumentation(id = "listPlans", tag = Tag.ACCOUNTS, caller = Caller.CUSTOMER_KEY,
            summary = "List the plans",
            description = "Any key may read plans.",
            failures = {400, 401, 429, 503})
    @GetMapping("/plans")
    HydraCollection<AccountResources.PlanResource> list(HttpServletRequest request) {
        String base = publicUrl.base(request);
        List<AccountResources.PlanResource> members = accounts.plans().stream()
                .map(plan -> AccountResources.PlanResource.of(base, plan)).toList();
        return HydraCollection.page(base, base + "/plans", members, members.size(), 1, Math.max(1, members.size()));
    }

    @OperationDocumentation(id = "deletePlan", tag = Tag.ACCOUNTS, caller = Caller.ADMINISTRATOR,
            summary = "Delete a plan",
            description = "409 while users are on it.",
            success = {204}, failures = {400, 401, 403, 404, 409, 429, 503})
    @DeleteMapping("/plans/{plan}")
    ResponseEntity<Void> delete(@PathVariable("plan") String planId) {
        accounts.deletePlan(Ids.name("plan", planId));
        return ResponseEntity.noContent().build();
    }
}
