package dev.storageledger.bench.baseline;

import dev.storageledger.failure.Failure;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The baselines that the benchmark suite measures beside the real endpoints, served by the same stack in the same
 * process (the same security chain, MVC and JSON): a fixed body the size of a CustomerStorage answer, the naive
 * single write, and the database-side design's single write and batch. On the test classpath only, and present only when ledger.benchmark.enabled is true, which
 * {@link dev.storageledger.bench.BenchLauncher} and BenchmarkSmokeTest set: every other context that scans the test
 * classes leaves it out.
 */
@RestController
@ConditionalOnBooleanProperty("ledger.benchmark.enabled")
class BenchmarkBaselineController {

    /** As long as a customer's CustomerStorage answer on http://localhost:8080 with a 7-digit customer id. */
    private static final byte[] FIXED = ("{\"@context\":\"http://localhost:8080/contexts/CustomerStorage.jsonld\","
            + "\"@id\":\"http://localhost:8080/customers/1000001/storage\",\"@type\":\"vocab:CustomerStorage\","
            + "\"numberOfStoredImages\":10000,\"totalSizeOfStoredImages\":5242880000,\"totalSizeOfThumbnails\":104857600,"
            + "\"lastCalculated\":\"2026-11-22T13:00:00.000000Z\",\"storagePolicy\":\"http://localhost:8080/storagePolicies/default\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final NaiveLedgerRepository naive;
    private final TriggerLedgerRepository trigger;

    BenchmarkBaselineController(NaiveLedgerRepository naive, TriggerLedgerRepository trigger) {
        this.naive = naive;
        this.trigger = trigger;
    }

    @GetMapping(path = "/bench/fixed", produces = MediaType.APPLICATION_JSON_VALUE)
    byte[] fixed() {
        return FIXED;
    }

    @PutMapping(path = "/bench/naive/customers/{customer}/spaces/{space}/images/{asset}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> naiveRecord(@PathVariable("customer") String customer, @PathVariable("space") String space,
            @PathVariable("asset") String asset, @RequestBody JsonNode body) {
        TriggerLedgerRepository.Row row = row(space, asset, body, "");
        naive.record(Ids.customer(customer), row.space(), row.asset(), row.size(), row.thumbnailSize());
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @PutMapping(path = "/bench/trigger/customers/{customer}/spaces/{space}/images/{asset}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> triggerRecord(@PathVariable("customer") String customer, @PathVariable("space") String space,
            @PathVariable("asset") String asset, @RequestBody JsonNode body) {
        trigger.record(Ids.customer(customer), List.of(row(space, asset, body, "")));
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    /** The trigger design's batch: {"records": [{"space", "asset", "size", "thumbnailSize"}, ...]} in one statement. */
    @PostMapping(path = "/bench/trigger/customers/{customer}/storageRecords", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> triggerRecords(@PathVariable("customer") String customer, @RequestBody JsonNode body) {
        JsonNode records = body.get("records");
        if (records == null || !records.isArray()) {
            throw Failure.invalid(List.of("records: an array is required"));
        }
        List<TriggerLedgerRepository.Row> rows = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            JsonNode record = records.get(index);
            rows.add(row(record.path("space").asText(""), record.path("asset").asText(""), record, "records[" + index + "]."));
        }
        trigger.record(Ids.customer(customer), rows);
        return ResponseEntity.ok().build();
    }

    /** A record's space, asset and sizes, read as the ledger reads them; each problem named with {@code prefix}. */
    private static TriggerLedgerRepository.Row row(String space, String asset, JsonNode body, String prefix) {
        List<String> problems = new ArrayList<>();
        JsonObject fields = JsonObject.read(body, prefix, problems, Set.of("space", "asset", "size", "thumbnailSize"));
        Long size = fields == null ? null : fields.size("size", true);
        Long thumbnailSize = fields == null ? null : fields.size("thumbnailSize", false);
        if (!problems.isEmpty()) {
            throw Failure.invalid(problems);
        }
        return new TriggerLedgerRepository.Row(Ids.space(space), Ids.name("asset", asset), size, thumbnailSize == null ? 0 : thumbnailSize);
    }
}
