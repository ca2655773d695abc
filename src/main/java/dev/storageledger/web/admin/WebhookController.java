package dev.storageledger.web.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.failure.Failure;
import dev.storageledger.security.Access;
import dev.storageledger.web.HydraCollection;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonLd;
import dev.storageledger.web.JsonObject;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import dev.storageledger.webhook.Delivery;
import dev.storageledger.webhook.Subscription;
import dev.storageledger.webhook.Webhooks;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks (Standard Webhooks): a customer's, made and read by the administrator or the customer's keys under
 * /customers/{c}/webhooks, and the administrator's of every customer under /webhooks.
 */
@RestController
class WebhookController {

    /** What both subscriptions' documentation says of the secret and the deliveries. */
    private static final String WEBHOOK_ANSWERS = "The secret (whsec_...) is in the 201 answer only. Deliveries are "
            + "signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature v1 HMAC-SHA256) and "
            + "retried with backoff for 3 days.";

    private static final Set<String> FIELDS = Set.of("url", "events", "description");

    private final Webhooks webhooks;
    private final PublicUrl publicUrl;

    WebhookController(Webhooks webhooks, PublicUrl publicUrl) {
        this.webhooks = webhooks;
        this.publicUrl = publicUrl;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@context", "@id", "id", "@type", "customer", "url", "events", "description", "created", "secret"})
    record WebhookResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String link,
            String id,
            @JsonProperty("@type") String type,
            Integer customer,
            String url,
            List<String> events,
            String description,
            Instant created,
            String secret) {

        static WebhookResource of(String base, Subscription subscription, String secret) {
            return new WebhookResource(JsonLd.context(base, "Webhook"), base + path(subscription.customer()) + "/" + subscription.id(),
                    subscription.id(), JsonLd.type("Webhook"), subscription.customer(), subscription.url(), subscription.events(),
                    subscription.description(), subscription.created(), secret);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"@id", "@type", "event", "eventType", "eventCreated", "attempts", "lastAttemptAt", "lastStatus", "lastError",
            "deliveredAt", "nextAttemptAt", "givenUpAt", "attemptLog"})
    record DeliveryResource(
            @JsonProperty("@id") String link,
            @JsonProperty("@type") String type,
            String event,
            String eventType,
            Instant eventCreated,
            int attempts,
            Instant lastAttemptAt,
            Integer lastStatus,
            String lastError,
            Instant deliveredAt,
            Instant nextAttemptAt,
            Instant givenUpAt,
            List<Delivery.Attempt> attemptLog) {

        static DeliveryResource of(String collection, Delivery delivery) {
            return new DeliveryResource(collection + "/" + delivery.id(), JsonLd.type("WebhookDelivery"), delivery.event(),
                    delivery.type(), delivery.eventCreated(), delivery.attempts(), delivery.lastAttemptAt(), delivery.lastStatus(),
                    delivery.lastError(), delivery.deliveredAt(), delivery.nextAttemptAt(), delivery.givenUpAt(), delivery.attemptLog());
        }
    }

    private static String path(Integer customer) {
        return customer == null ? "/webhooks" : "/customers/" + customer + "/webhooks";
    }

    /** The secret is in this answer only; the ledger keeps it encrypted. */
    @OperationDocumentation(id = "createWebhook", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_KEY,
            summary = "Subscribe a webhook to a customer's events",
            description = WEBHOOK_ANSWERS,
            body = "WebhookRequest", success = {201}, failures = {400, 401, 403, 404, 409, 415, 429, 503})
    @PostMapping(path = "/customers/{customer}/webhooks", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<WebhookResource> create(@PathVariable("customer") String customerId, @RequestBody JsonNode body,
            HttpServletRequest request) {
        return createFor(customer(customerId), body, request);
    }

    @OperationDocumentation(id = "createWebhookForEveryCustomer", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Subscribe a webhook to every customer's events",
            description = WEBHOOK_ANSWERS,
            body = "WebhookRequest", success = {201}, failures = {400, 401, 403, 409, 415, 429, 503})
    @PostMapping(path = "/webhooks", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<WebhookResource> createForEveryCustomer(@RequestBody JsonNode body, HttpServletRequest request) {
        requireAdmin();
        return createFor(null, body, request);
    }

    private ResponseEntity<WebhookResource> createFor(Integer customer, JsonNode body, HttpServletRequest request) {
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, "", problems, FIELDS);
        String url = null;
        List<String> events = null;
        String description = null;
        if (fields != null) {
            url = fields.string("url", 2000);
            if (!fields.has("url") || body.get("url").isNull()) {
                fields.problem("url", "is required (an absolute http or https URL)" + (fields.has("url") ? ", not null" : ""));
            }
            events = strings(fields, body.get("events"));
            description = fields.text("description", false, 1000);
        }
        Webhooks.Created created = webhooks.create(customer, url, events, description, problems);
        WebhookResource resource = WebhookResource.of(publicUrl.base(request), created.subscription(), created.secret());
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", resource.link()).body(resource);
    }

    /** The events: an array of strings (each checked against the known events by the service). */
    private static List<String> strings(JsonObject fields, JsonNode value) {
        if (value == null) {
            fields.problem("events", "is required (an array of events)");
            return null;
        }
        if (!value.isArray() || !value.values().stream().allMatch(JsonNode::isString)) {
            fields.problem("events", "must be an array of event names, not " + value);
            return null;
        }
        return value.values().stream().map(JsonNode::stringValue).toList();
    }

    @OperationDocumentation(id = "listWebhooks", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_READER,
            summary = "List a customer's webhooks",
            description = "Paged; without their secrets.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/webhooks")
    HydraCollection<WebhookResource> list(@PathVariable("customer") String customerId, @RequestParam(defaultValue = "1") String page,
            @RequestParam(defaultValue = "100") String pageSize, HttpServletRequest request) {
        return listOf(reader(customerId), HydraCollection.Paging.of(page, pageSize), request);
    }

    @OperationDocumentation(id = "listWebhooksForEveryCustomer", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "List the webhooks of every customer",
            description = "Paged; without their secrets.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/webhooks")
    HydraCollection<WebhookResource> listForEveryCustomer(@RequestParam(defaultValue = "1") String page,
            @RequestParam(defaultValue = "100") String pageSize, HttpServletRequest request) {
        requireAdmin();
        return listOf(null, HydraCollection.Paging.of(page, pageSize), request);
    }

    /** A page of the webhooks, oldest first; a customer has at most LEDGER_MAX_WEBHOOKS_PER_CUSTOMER of them. */
    private HydraCollection<WebhookResource> listOf(Integer customer, HydraCollection.Paging paging, HttpServletRequest request) {
        String base = publicUrl.base(request);
        List<Subscription> all = webhooks.list(customer);
        List<WebhookResource> members = all.stream().skip(paging.offset()).limit(paging.pageSize())
                .map(webhook -> WebhookResource.of(base, webhook, null)).toList();
        return HydraCollection.page(base, base + path(customer), "", members, all.size(), paging);
    }

    @OperationDocumentation(id = "getWebhook", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_READER,
            summary = "Read a customer's webhook",
            description = "Without its secret.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/webhooks/{webhook}")
    WebhookResource get(@PathVariable("customer") String customerId, @PathVariable("webhook") String webhook, HttpServletRequest request) {
        int customer = reader(customerId);
        return WebhookResource.of(publicUrl.base(request), webhooks.get(customer, Ids.name("webhook", webhook)), null);
    }

    @OperationDocumentation(id = "getWebhookForEveryCustomer", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Read a webhook of every customer",
            description = "Without its secret.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/webhooks/{webhook}")
    WebhookResource getForEveryCustomer(@PathVariable("webhook") String webhook, HttpServletRequest request) {
        requireAdmin();
        return WebhookResource.of(publicUrl.base(request), webhooks.get(null, Ids.name("webhook", webhook)), null);
    }

    @OperationDocumentation(id = "deleteWebhook", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_KEY,
            summary = "Delete a customer's webhook",
            description = "Its pending deliveries are dropped.",
            success = {204}, failures = {400, 401, 403, 404, 429, 503})
    @DeleteMapping("/customers/{customer}/webhooks/{webhook}")
    ResponseEntity<Void> delete(@PathVariable("customer") String customerId, @PathVariable("webhook") String webhook) {
        int customer = customer(customerId);
        webhooks.delete(customer, Ids.name("webhook", webhook));
        return ResponseEntity.noContent().build();
    }

    @OperationDocumentation(id = "deleteWebhookForEveryCustomer", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Delete a webhook of every customer",
            description = "Its pending deliveries are dropped.",
            success = {204}, failures = {400, 401, 403, 404, 429, 503})
    @DeleteMapping("/webhooks/{webhook}")
    ResponseEntity<Void> deleteForEveryCustomer(@PathVariable("webhook") String webhook) {
        requireAdmin();
        webhooks.delete(null, Ids.name("webhook", webhook));
        return ResponseEntity.noContent().build();
    }

    /** The webhook's deliveries, newest first, paged as DLCS pages its collections. */
    @OperationDocumentation(id = "listWebhookDeliveries", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_READER,
            summary = "List a webhook's deliveries",
            description = "Newest first, paged: every attempt and its outcome.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/webhooks/{webhook}/deliveries")
    HydraCollection<DeliveryResource> deliveries(@PathVariable("customer") String customerId, @PathVariable("webhook") String webhook,
            @RequestParam(defaultValue = "1") String page, @RequestParam(defaultValue = "100") String pageSize,
            HttpServletRequest request) {
        return deliveriesOf(reader(customerId), Ids.name("webhook", webhook), page, pageSize, request);
    }

    @OperationDocumentation(id = "listWebhookDeliveriesForEveryCustomer", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "List the deliveries of a webhook of every customer",
            description = "Newest first, paged.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/webhooks/{webhook}/deliveries")
    HydraCollection<DeliveryResource> deliveriesForEveryCustomer(@PathVariable("webhook") String webhook,
            @RequestParam(defaultValue = "1") String page, @RequestParam(defaultValue = "100") String pageSize,
            HttpServletRequest request) {
        requireAdmin();
        return deliveriesOf(null, Ids.name("webhook", webhook), page, pageSize, request);
    }

    private HydraCollection<DeliveryResource> deliveriesOf(Integer customer, String webhook, String page, String pageSize,
            HttpServletRequest request) {
        HydraCollection.Paging paging = HydraCollection.Paging.of(page, pageSize);
        String base = publicUrl.base(request);
        String collection = base + path(customer) + "/" + webhook + "/deliveries";
        Webhooks.Deliveries deliveries = webhooks.deliveries(customer, webhook, paging.page(), paging.pageSize());
        return HydraCollection.page(base, collection, "",
                deliveries.deliveries().stream().map(delivery -> DeliveryResource.of(collection, delivery)).toList(),
                deliveries.total(), paging);
    }

    private static int customer(String customerId) {
        int customer = Ids.customer(customerId);
        Access.requireCustomer(customer);
        return customer;
    }

    /** A customer whose webhooks the caller may read: also an organisation administrator of it. */
    private static int reader(String customerId) {
        int customer = Ids.customer(customerId);
        Access.requireReader(customer);
        return customer;
    }

    private static void requireAdmin() {
        if (!Access.caller().isAdmin()) {
            throw Failure.forbidden("Only the administrator may manage the webhooks of every customer");
        }
    }
}
