package dev.storageledger.web.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.limit.Fullness;
import dev.storageledger.quota.LimitState;
import dev.storageledger.quota.Quota;
import dev.storageledger.quota.Quotas;
import dev.storageledger.web.JsonLd;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The quota states of a customer, a space or a user (our own resource; the seeds' shapes carry no state). */
@RestController
class QuotaController {

    private static final String QUOTA = "Each limit of the scope's own totals with what is stored, reserved and "
            + "remaining, its state (normal, nearing, critical, exceeded) and when it would be full at its recent "
            + "growth.";

    private final Quotas quotas;
    private final PublicUrl publicUrl;

    QuotaController(Quotas quotas, PublicUrl publicUrl) {
        this.quotas = quotas;
        this.publicUrl = publicUrl;
    }

    @OperationDocumentation(id = "getCustomerQuota", tag = Tag.USAGE, caller = Caller.CUSTOMER_READER,
            summary = "Read a customer's quota states",
            description = QUOTA,
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping(Scopes.CUSTOMER + "/quota")
    QuotaResource customer(@PathVariable("customer") String customer, HttpServletRequest request) {
        return resource(Scopes.customer(customer), request);
    }

    @OperationDocumentation(id = "getSpaceQuota", tag = Tag.USAGE, caller = Caller.CUSTOMER_READER,
            summary = "Read a space's quota states",
            description = QUOTA,
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping(Scopes.SPACE + "/quota")
    QuotaResource space(@PathVariable("customer") String customer, @PathVariable("space") String space,
            HttpServletRequest request) {
        return resource(Scopes.space(customer, space), request);
    }

    @OperationDocumentation(id = "getUserQuota", tag = Tag.USAGE, caller = Caller.CUSTOMER_READER,
            summary = "Read a user's quota states",
            description = QUOTA,
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping(Scopes.USER + "/quota")
    QuotaResource user(@PathVariable("customer") String customer, @PathVariable("user") String user, HttpServletRequest request) {
        return resource(Scopes.user(customer, user), request);
    }

    private QuotaResource resource(Scope scope, HttpServletRequest request) {
        String base = publicUrl.base(request);
        Quota quota = quotas.of(scope);
        return new QuotaResource(JsonLd.context(base, "Quota"), base + request.getRequestURI(), JsonLd.type("Quota"), wire(quota.state()),
                quota.limits().stream().map(limit -> LimitResource.of(base, scope, limit)).toList());
    }

    /** A state as the contract writes it: normal, nearing, critical, exceeded. */
    private static String wire(Fullness state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    @JsonPropertyOrder({"@context", "@id", "@type", "state", "limits"})
    record QuotaResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            @Schema(allowableValues = {"normal", "nearing", "critical", "exceeded"}) String state, List<LimitResource> limits) {
    }

    /** A limit: its source is the storage policy's URL, or the user's for a capacity. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"limit", "source", "maximum", "used", "reserved", "remaining", "fractionUsed", "state", "forecastFull"})
    record LimitResource(String limit, String source, long maximum, long used, long reserved, long remaining, double fractionUsed,
            @Schema(allowableValues = {"normal", "nearing", "critical", "exceeded"}) String state, Instant forecastFull) {

        static LimitResource of(String base, Scope scope, LimitState limit) {
            String source = limit.policy() != null ? base + "/storagePolicies/" + limit.policy()
                    : base + "/customers/" + scope.customer() + "/users/" + ((Scope.Owner) scope).user();
            return new LimitResource(limit.limit(), source, limit.maximum(), limit.used(), limit.reserved(), limit.remaining(),
                    limit.fractionUsed(), wire(limit.state()), limit.forecastFull());
        }
    }
}
