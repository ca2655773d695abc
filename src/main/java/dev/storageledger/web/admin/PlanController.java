package dev.storageledger.web.admin;

import dev.storageledger.account.AccountService;
import dev.storageledger.account.Plan;
import dev.storageledger.failure.Failure;
import dev.storageledger.web.HydraCollection;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonObject;
import dev.storageledger.web.PublicUrl;
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

    @GetMapping("/plans/{plan}")
    AccountResources.PlanResource get(@PathVariable("plan") String planId, HttpServletRequest request) {
        return AccountResources.PlanResource.of(publicUrl.base(request), accounts.plan(Ids.name("plan", planId)));
    }

    @GetMapping("/plans")
    HydraCollection<AccountResources.PlanResource> list(HttpServletRequest request) {
        String base = publicUrl.base(request);
        List<AccountResources.PlanResource> members = accounts.plans().stream()
                .map(plan -> AccountResources.PlanResource.of(base, plan)).toList();
        return HydraCollection.page(base, base + "/plans", members, members.size(), 1, Math.max(1, members.size()));
    }

    @DeleteMapping("/plans/{plan}")
    ResponseEntity<Void> delete(@PathVariable("plan") String planId) {
        accounts.deletePlan(Ids.name("plan", planId));
        return ResponseEntity.noContent().build();
    }
}
