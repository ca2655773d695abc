package dev.storageledger.web.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.failure.Failure;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.reservation.LiveReservations;
import dev.storageledger.ledger.write.Reservation;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.writer.LedgerWriter;
import dev.storageledger.ledger.writer.Operation;
import dev.storageledger.security.Access;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonLd;
import dev.storageledger.web.JsonObject;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.error.WriteOutcomes;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Reservations: room held for an upload before its asset is recorded. Made and released by the
 * administrator (the ingest side), read by it and by the customer's keys. A record that names a live reservation
 * ("reservation": "id") uses it up in its own transaction.
 */
@RestController
class ReservationController {

    static final long DEFAULT_TTL_SECONDS = 3600;
    static final long MAXIMUM_TTL_SECONDS = 7 * 24 * 3600;
    private static final Set<String> FIELDS = Set.of("space", "owner", "size", "thumbnailSize", "count", "ttlSeconds");

    private final LedgerWriter writer;
    private final LiveReservations reservations;
    private final PublicUrl publicUrl;

    ReservationController(LedgerWriter writer, LiveReservations reservations, PublicUrl publicUrl) {
        this.writer = writer;
        this.reservations = reservations;
        this.publicUrl = publicUrl;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@context", "@id", "id", "@type", "space", "owner", "size", "thumbnailSize", "count", "expiresAt"})
    record ReservationResource(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String link,
            String id,
            @JsonProperty("@type") String type,
            int space,
            String owner,
            long size,
            long thumbnailSize,
            long count,
            String expiresAt) {

        /** The "@id" of a reservation; a record may name the reservation by it. */
        static String link(String base, int customer, String id) {
            return base + "/customers/" + customer + "/reservations/" + id;
        }

        static ReservationResource of(String base, int customer, Reservation reservation) {
            return new ReservationResource(JsonLd.context(base, "Reservation"),
                    link(base, customer, reservation.id()), reservation.id(), JsonLd.type("Reservation"),
                    reservation.space(), reservation.owner(), reservation.size().size(), reservation.size().thumbnailSize(),
                    reservation.images(), reservation.expiresAt().toString());
        }
    }

    /** 201 with the reservation and its expiry; 507 when its room would pass a limit of its space, owner or customer. */
    @OperationDocumentation(id = "createReservation", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Reserve room for an upload",
            description = "201 with the reservation; until it is used up, released or expired it counts against the "
                    + "limits of its space, its owner and its customer. 507 when its room would pass one of them.",
            body = "ReservationRequest", success = {201}, failures = {400, 401, 403, 404, 415, 429, 503, 507})
    @PostMapping(path = "/customers/{customer}/reservations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReservationResource> reserve(@PathVariable("customer") String customerId, @RequestBody JsonNode body,
            HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, "", problems, FIELDS);
        Reservation.Request asked = null;
        if (fields != null) {
            Integer space = fields.space("space");
            String owner = fields.id("owner", false, true);
            Long size = fields.size("size", true);
            Long thumbnailSize = fields.size("thumbnailSize", false);
            Long count = fields.size("count", false);
            Long ttl = fields.size("ttlSeconds", false);
            if (count != null && count < 1) {
                // A reservation holds room for at least one image: one of none would hold bytes that no image uses.
                fields.problem("count", "must be from 1 to " + Long.MAX_VALUE + ", not " + count);
            }
            if (ttl != null && (ttl < 1 || ttl > MAXIMUM_TTL_SECONDS)) {
                fields.problem("ttlSeconds", "must be from 1 to " + MAXIMUM_TTL_SECONDS + " (7 days), not " + ttl);
            }
            if (problems.isEmpty()) {
                asked = new Reservation.Request(UUID.randomUUID().toString(), space, owner, count == null ? 1 : count,
                        new AssetSize(size, thumbnailSize == null ? 0 : thumbnailSize),
                        Duration.ofSeconds(ttl == null ? DEFAULT_TTL_SECONDS : ttl));
            }
        }
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        Write write = Write.reserve(customer, asked);
        Reservation made = WriteOutcomes.reserved(write, writer.write(Operation.RESERVE, write)).reservation();
        ReservationResource resource = ReservationResource.of(publicUrl.base(request), customer, made);
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", resource.link()).body(resource);
    }

    @OperationDocumentation(id = "getReservation", tag = Tag.ADMINISTRATION, caller = Caller.CUSTOMER_READER,
            summary = "Read a live reservation",
            description = "404 once it was used up, released or expired.",
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping("/customers/{customer}/reservations/{reservation}")
    ReservationResource get(@PathVariable("customer") String customerId, @PathVariable("reservation") String reservationId,
            HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        String id = Ids.name("reservation", reservationId);
        Access.requireReader(customer);
        return ReservationResource.of(publicUrl.base(request), customer,
                reservations.find(customer, id).orElseThrow(() -> notLive(customer, id)));
    }

    /** Gives the room back at once. */
    @OperationDocumentation(id = "releaseReservation", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Release a reservation",
            description = "Gives its room back at once; 404 when it is not live.",
            success = {204}, failures = {400, 401, 403, 404, 429, 503})
    @DeleteMapping("/customers/{customer}/reservations/{reservation}")
    ResponseEntity<Void> release(@PathVariable("customer") String customerId, @PathVariable("reservation") String reservationId) {
        int customer = Ids.customer(customerId);
        String id = Ids.name("reservation", reservationId);
        if (!reservations.release(customer, id)) {
            throw notLive(customer, id);
        }
        return ResponseEntity.noContent().build();
    }

    private static Failure notLive(int customer, String id) {
        return Failure.notFound("Customer " + customer + " has no live reservation '" + id
                + "' (it may have been used, released or expired)");
    }
}
