package dev.storageledger.web.dlcs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.web.JsonLd;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API's entry point (a Hydra EntryPoint, anonymous): where a DLCS client starts, following links from here rather
 * than building URLs. Each link is a collection the ledger serves (reading it needs what that collection needs), and
 * openApi is the service's OpenAPI document.
 */
@RestController
class EntryPointController {

    private final PublicUrl publicUrl;

    EntryPointController(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @JsonPropertyOrder({"@context", "@id", "@type", "storagePolicies", "customers", "plans", "openApi"})
    record EntryPoint(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            String storagePolicies,
            String customers,
            String plans,
            String openApi) {
    }

    @OperationDocumentation(id = "getEntryPoint", tag = Tag.DLCS, caller = Caller.ANYONE,
            summary = "Read the entry point",
            description = "Where a client starts and follows links: the storage policies, the customers (the "
                    + "administrator lists them), the plans, and this OpenAPI document.",
            failures = {400, 503})
    @GetMapping("/")
    EntryPoint entryPoint(HttpServletRequest request) {
        String base = publicUrl.base(request);
        return new EntryPoint(JsonLd.context(base, "EntryPoint"), base + "/", JsonLd.type("EntryPoint"), base + "/storagePolicies",
                base + "/customers", base + "/plans", base + "/v3/api-docs");
    }
}
