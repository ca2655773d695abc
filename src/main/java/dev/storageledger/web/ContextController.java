package dev.storageledger.web;

import dev.storageledger.failure.Failure;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves every "@context" that a response names. All of them are one document (ledger-context.jsonld) that maps
 * each term the ledger writes to an IRI of the DLCS vocabulary (or Hydra's), so that a JSON-LD processor
 * expanding any response keeps every property, with the xsd datatypes of the seeds.
 */
@RestController
class ContextController {

    static final Set<String> TYPES = Set.of("CustomerStorage", "ImageStorage", "StoragePolicy", "Customer", "Space",
            "Collection", "Error", "Key", "Plan", "User", "StoragePack", "Reservation", "Recalculation", "Reconciliation", "StorageHistory",
            "StorageByteHours", "Quota", "Webhook", "EntryPoint", "Image");
    private static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");

    private final byte[] document = load();

    @OperationDocumentation(id = "getContext", tag = Tag.DLCS, caller = Caller.ANYONE,
            summary = "Read a JSON-LD context",
            description = "The `@context` every response names (e.g. `CustomerStorage.jsonld`); every term maps to "
                    + "the DLCS vocabulary.",
            failures = {400, 404})
    @GetMapping("/contexts/{file}")
    ResponseEntity<byte[]> context(@PathVariable String file) {
        String type = file.endsWith(".jsonld") ? file.substring(0, file.length() - ".jsonld".length()) : "";
        if (!TYPES.contains(type)) {
            throw Failure.notFound("There is no JSON-LD context '" + file + "'");
        }
        return ResponseEntity.ok().contentType(JSON_LD).body(document);
    }

    private static byte[] load() {
        try (InputStream in = ContextController.class.getResourceAsStream("/ledger-context.jsonld")) {
            if (in == null) {
                throw new IllegalStateException("ledger-context.jsonld is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
