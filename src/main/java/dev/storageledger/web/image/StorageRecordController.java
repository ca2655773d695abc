package dev.storageledger.web.image;

import dev.storageledger.failure.Failure;
import dev.storageledger.failure.Missing;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.count.BatchSummary;
import dev.storageledger.ledger.write.ReservationIds;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import dev.storageledger.ledger.writer.LedgerWriter;
import dev.storageledger.ledger.writer.Operation;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonObject;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.StorageResources;
import dev.storageledger.web.error.WriteOutcomes;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Where a storage record enters: single asset records and batches, written by the administrator. */
@RestController
class StorageRecordController {

    static final int MAXIMUM_BATCH = 10_000;
    private static final Set<String> RECORD_FIELDS = Set.of("size", "thumbnailSize", "owner", "reservation");
    private static final Set<String> BATCH_RECORD_FIELDS = Set.of("space", "asset", "size", "thumbnailSize", "owner", "reservation",
            "deleted");

    private final LedgerWriter writer;
    private final PublicUrl publicUrl;
    private final ReservationIds reservations;

    /** The answer to a batch of storage records. */
    record BatchResult(int created, int updated, int deleted) {

        static BatchResult of(BatchSummary summary) {
            return new BatchResult(summary.created(), summary.updated(), summary.deleted());
        }
    }

    StorageRecordController(LedgerWriter writer, PublicUrl publicUrl, ReservationIds reservations) {
        this.writer = writer;
        this.publicUrl = publicUrl;
        this.reservations = reservations;
    }

    @OperationDocumentation(id = "putStorageRecord", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Record an asset's storage",
            description = "Absolute figures, so a retry changes nothing: 201 when the asset is new, 200 when it is "
                    + "updated. Every total (space, owner, customer) changes in the same transaction. A write that "
                    + "would pass a limit of the space, the customer or the owner is refused whole with 507; an "
                    + "unknown customer, space, owner or reservation is 404.",
            body = "StorageRecordRequest", success = {201, 200}, failures = {400, 401, 403, 404, 415, 429, 503, 507})
    @PutMapping(path = "/customers/{customer}/spaces/{space}/images/{asset}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StorageResources.ImageStorage> record(@PathVariable("customer") String customerId,
            @PathVariable("space") String spaceId, @PathVariable("asset") String assetId, @RequestBody JsonNode body,
            HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        AssetRef ref = new AssetRef(Ids.space(spaceId), Ids.name("asset", assetId));
        List<String> problems = new ArrayList<>();
        ReservationNames named = new ReservationNames(customer, publicUrl.base(request));
        JsonObject fields = JsonObject.read(body, "", problems, RECORD_FIELDS);
        StorageRecord record = fields == null ? null : stored(ref, fields, named, "");
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        named.requireMade(reservations);
        Write write = Write.records(customer, List.of(record));
        WriteOutcome.Applied applied = WriteOutcomes.applied(write, writer.write(Operation.RECORD, write));
        return ResponseEntity.status(applied.summary().created() == 1 ? HttpStatus.CREATED : HttpStatus.OK)
                .body(StorageResources.ImageStorage.of(publicUrl.base(request), customer, applied.assets().getFirst()));
    }

    @OperationDocumentation(id = "deleteStorageRecord", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Delete an asset's record",
            description = "Its count and sizes leave every total in the same transaction; 404 when the asset is "
                    + "unknown.",
            success = {204}, failures = {400, 401, 403, 404, 429, 503})
    @DeleteMapping("/customers/{customer}/spaces/{space}/images/{asset}")
    ResponseEntity<Void> delete(@PathVariable("customer") String customerId, @PathVariable("space") String spaceId,
            @PathVariable("asset") String assetId) {
        int customer = Ids.customer(customerId);
        AssetRef ref = new AssetRef(Ids.space(spaceId), Ids.name("asset", assetId));
        Write write = Write.records(customer, List.of(StorageRecord.deleted(ref)));
        if (WriteOutcomes.applied(write, writer.write(Operation.DELETE, write)).summary().deleted() == 0) {
            throw Missing.asset(customer, ref.space(), ref.asset());
        }
        return ResponseEntity.noContent().build();
    }

    @OperationDocumentation(id = "postStorageRecords", tag = Tag.ADMINISTRATION, caller = Caller.ADMINISTRATOR,
            summary = "Record a batch of assets' storage",
            description = "Up to 10000 records, applied all together or not at all. A 400 names each invalid record "
                    + "by index and field; a 507 refuses the whole batch and changes nothing.",
            body = "StorageRecordBatch", failures = {400, 401, 403, 404, 415, 429, 503, 507})
    @PostMapping(path = "/customers/{customer}/storageRecords", consumes = MediaType.APPLICATION_JSON_VALUE)
    BatchResult batch(@PathVariable("customer") String customerId, @RequestBody JsonNode body,
            HttpServletRequest request) {
        int customer = Ids.customer(customerId);
        ReservationNames named = new ReservationNames(customer, publicUrl.base(request));
        List<StorageRecord> records = readBatch(body, named);
        named.requireMade(reservations);
        Write write = Write.records(customer, records);
        return BatchResult.of(WriteOutcomes.applied(write, writer.write(Operation.BATCH, write)).summary());
    }

    private static List<StorageRecord> readBatch(JsonNode body, ReservationNames named) {
        List<String> problems = new ArrayList<>();
        JsonObject batch = JsonObject.read(body, "", problems, Set.of("records"));
        JsonNode records = body.get("records");
        if (batch != null && (records == null || !records.isArray())) {
            batch.problem("records", "is required: an array of at most " + MAXIMUM_BATCH + " records");
        } else if (batch != null && records.size() > MAXIMUM_BATCH) {
            batch.problem("records", "holds " + records.size() + " records; a batch holds at most " + MAXIMUM_BATCH);
        }
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        List<StorageRecord> read = new ArrayList<>(records.size());
        Map<AssetRef, Integer> firstIndex = new HashMap<>();
        for (int index = 0; index < records.size(); index++) {
            String path = "records[" + index + "].";
            JsonObject fields = JsonObject.read(records.get(index), path, problems, BATCH_RECORD_FIELDS);
            if (fields == null) {
                continue;
            }
            Integer space = fields.space("space");
            String asset = fields.id("asset", true, false);
            AssetRef ref = space == null || asset == null ? null : new AssetRef(space, asset);
            StorageRecord record = fields.flag("deleted") ? deletion(ref, fields) : stored(ref, fields, named, path);
            if (ref == null) {
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(ref, index);
            if (earlier != null) {
                problems.add("records[" + index + "]: asset '" + asset + "' in space " + space
                        + " is already named by records[" + earlier + "]; a batch names each asset once");
            }
            read.add(record);
        }
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        return read;
    }

    /**
     * A record of an asset's storage; null (with problems noted) when its fields are not valid. The reservation it
     * names is noted in {@code named}.
     */
    private static StorageRecord stored(AssetRef ref, JsonObject fields, ReservationNames named, String path) {
        Long size = fields.size("size", true);
        Long thumbnailSize = fields.size("thumbnailSize", false);
        String owner = fields.id("owner", false, true);
        String reservation = named.read(fields, path);
        if (ref == null || size == null) {
            return null;
        }
        return StorageRecord.stored(ref, new AssetSize(size, thumbnailSize == null ? 0 : thumbnailSize), owner, reservation);
    }

    private static StorageRecord deletion(AssetRef ref, JsonObject fields) {
        for (String field : List.of("size", "thumbnailSize", "owner", "reservation")) {
            if (fields.has(field)) {
                fields.problem(field, "is not allowed in a record with \"deleted\": true");
            }
        }
        return ref == null ? null : StorageRecord.deleted(ref);
    }
}
