package dev.storageledger.web.usage;

import dev.storageledger.failure.Failure;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.history.UsageHistory;
import dev.storageledger.web.Instants;
import dev.storageledger.web.PublicUrl;
import dev.storageledger.web.openapi.OperationDocumentation;
import dev.storageledger.web.openapi.OperationDocumentation.Caller;
import dev.storageledger.web.openapi.OperationDocumentation.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Usage over time, for a customer, a space or a user: the history of their totals at a step, and the byte-hours
 * between two of its points or now. The administrator or a key of the customer.
 */
@RestController
class UsageHistoryController {

    private static final String HISTORY = "The totals at every boundary of the history's step (LEDGER_HISTORY_STEP, "
            + "from midnight UTC) from `from` to `to` (ISO 8601 instants; default: the last day), or at every "
            + "midnight with step=P1D; a range reaching past the retention of the step's points is answered with "
            + "daily points. A user's points give `used` (size and thumbnails).";

    private static final String BYTE_HOURS = "The exact integrals of the totals from `from` to `to` (each a point of "
            + "the history; `to` left out: now): byte-hours, thumbnail byte-hours and image-hours, with the exact "
            + "seconds beside them.";

    private final UsageHistory history;
    private final PublicUrl publicUrl;

    UsageHistoryController(UsageHistory history, PublicUrl publicUrl) {
        this.history = history;
        this.publicUrl = publicUrl;
    }

    @OperationDocumentation(id = "getCustomerStorageHistory", tag = Tag.USAGE, caller = Caller.CUSTOMER_READER,
            summary = "Read the history of a customer's totals",
            description = HISTORY,
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping(Scopes.CUSTOMER + "/storage/history")
    UsageResources.StorageHistory customerHistory(@PathVariable("customer") String customer,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String step, HttpServletRequest request) {
        return history(Scopes.customer(customer), from, to, step, request);
    }

    @OperationDocumentation(id = "getSpaceStorageHistory", tag = Tag.USAGE, caller = Caller.CUSTOMER_READER,
            summary = "Read the history of a space's totals",
            description = HISTORY,
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping(Scopes.SPACE + "/storage/history")
    UsageResources.StorageHistory spaceHistory(@PathVariable("customer") String customer, @PathVariable("space") String space,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String step, HttpServletRequest request) {
        return history(Scopes.space(customer, space), from, to, step, request);
    }

    @OperationDocumentation(id = "getUserStorageHistory", tag = Tag.USAGE, caller = Caller.CUSTOMER_READER,
            summary = "Read the history of a user's totals",
            description = HISTORY,
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping(Scopes.USER + "/storage/history")
    UsageResources.StorageHistory userHistory(@PathVariable("customer") String customer, @PathVariable("user") String user,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String step, HttpServletRequest request) {
        return history(Scopes.user(customer, user), from, to, step, request);
    }

    @OperationDocumentation(id = "getCustomerByteHours", tag = Tag.USAGE, caller = Caller.CUSTOMER_READER,
            summary = "Read a customer's byte-hours",
            description = BYTE_HOURS,
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping(Scopes.CUSTOMER + "/storage/byteHours")
    UsageResources.StorageByteHours customerByteHours(@PathVariable("customer") String customer,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, HttpServletRequest request) {
        return byteHours(Scopes.customer(customer), from, to, request);
    }

    @OperationDocumentation(id = "getSpaceByteHours", tag = Tag.USAGE, caller = Caller.CUSTOMER_READER,
            summary = "Read a space's byte-hours",
            description = BYTE_HOURS,
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping(Scopes.SPACE + "/storage/byteHours")
    UsageResources.StorageByteHours spaceByteHours(@PathVariable("customer") String customer, @PathVariable("space") String space,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, HttpServletRequest request) {
        return byteHours(Scopes.space(customer, space), from, to, request);
    }

    @OperationDocumentation(id = "getUserByteHours", tag = Tag.USAGE, caller = Caller.CUSTOMER_READER,
            summary = "Read a user's byte-hours",
            description = BYTE_HOURS,
            failures = {400, 401, 403, 404, 429, 503})
    @GetMapping(Scopes.USER + "/storage/byteHours")
    UsageResources.StorageByteHours userByteHours(@PathVariable("customer") String customer, @PathVariable("user") String user,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, HttpServletRequest request) {
        return byteHours(Scopes.user(customer, user), from, to, request);
    }

    private UsageResources.StorageHistory history(Scope scope, String from, String to, String step, HttpServletRequest request) {
        UsageHistory.History points = history.history(scope, instant("from", from), instant("to", to), duration(step));
        return UsageResources.StorageHistory.of(publicUrl.base(request), request, scope, points);
    }

    private UsageResources.StorageByteHours byteHours(Scope scope, String from, String to, HttpServletRequest request) {
        Instant end = to == null || to.equals("now") ? null : instant("to", to);
        return UsageResources.StorageByteHours.of(publicUrl.base(request), request, scope,
                history.byteHours(scope, instant("from", from), end));
    }

    /** A query's instant, by the same rule as a body's ({@link Instants}), so that history and byte-hours refuse alike. */
    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (Instants.read(value)) {
            case Instants.Kept kept -> kept.instant();
            case Instants.Refused refused -> throw Failure.invalid(name + ": " + refused.reason() + ", not '" + value + "'");
        };
    }

    private static Duration duration(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw Failure.invalid("step must be an ISO 8601 duration, such as PT1H or P1D");
        }
    }
}
