package dev.storageledger.web.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.history.HistoryPoint;
import dev.storageledger.ledger.history.Integral;
import dev.storageledger.ledger.history.UsageHistory;
import dev.storageledger.web.JsonLd;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The resources of usage over time (our design, api.md "Usage over time"). */
final class UsageResources {

    /** Hours are seconds / 3600, which no finite decimal holds exactly: to the nanohour; the seconds are exact. */
    private static final int HOUR_DECIMALS = 9;
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private UsageResources() {
    }

    /** A scope's totals at the points of its history; a user's as the images they own and the bytes they use. */
    @JsonPropertyOrder({"@context", "@id", "@type", "from", "to", "step", "points"})
    record StorageHistory(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            Instant from, Instant to, String step, List<Point> points) {

        static StorageHistory of(String base, HttpServletRequest request, Scope scope, UsageHistory.History history) {
            boolean user = scope instanceof Scope.Owner;
            return new StorageHistory(JsonLd.context(base, "StorageHistory"), self(base, request), JsonLd.type("StorageHistory"),
                    history.from(), history.to(), isoStep(history.step()),
                    history.points().stream().map(point -> Point.of(point, user)).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"at", "numberOfStoredImages", "totalSizeOfStoredImages", "totalSizeOfThumbnails", "used"})
    record Point(Instant at, long numberOfStoredImages, Long totalSizeOfStoredImages, Long totalSizeOfThumbnails, Long used) {

        static Point of(HistoryPoint point, boolean user) {
            return user
                    ? new Point(point.at(), point.usage().images(), null, null, point.usage().bytesUsed())
                    : new Point(point.at(), point.usage().images(), point.usage().size(), point.usage().thumbnails(), null);
        }
    }

    /**
     * The integrals of a scope's totals over a range: byte-hours of its stored bytes and of its thumbnails, and
     * image-hours (a user's byte-hours are of what they use: both together), with the exact seconds beside each.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"@context", "@id", "@type", "from", "to", "byteHours", "thumbnailByteHours", "imageHours",
            "byteSeconds", "thumbnailByteSeconds", "imageSeconds"})
    record StorageByteHours(
            @JsonProperty("@context") String context,
            @JsonProperty("@id") String id,
            @JsonProperty("@type") String type,
            Instant from, Instant to, BigDecimal byteHours, BigDecimal thumbnailByteHours, BigDecimal imageHours,
            BigDecimal byteSeconds, BigDecimal thumbnailByteSeconds, BigDecimal imageSeconds) {

        static StorageByteHours of(String base, HttpServletRequest request, Scope scope, UsageHistory.ByteHours range) {
            Integral integral = range.integral();
            String context = JsonLd.context(base, "StorageByteHours");
            String type = JsonLd.type("StorageByteHours");
            if (scope instanceof Scope.Owner) {
                BigDecimal used = integral.byteSeconds().add(integral.thumbnailByteSeconds());
                return new StorageByteHours(context, self(base, request), type, range.from(), range.to(), hours(used), null,
                        hours(integral.imageSeconds()), used, null, integral.imageSeconds());
            }
            return new StorageByteHours(context, self(base, request), type, range.from(), range.to(),
                    hours(integral.byteSeconds()), hours(integral.thumbnailByteSeconds()), hours(integral.imageSeconds()),
                    integral.byteSeconds(), integral.thumbnailByteSeconds(), integral.imageSeconds());
        }
    }

    /** As ISO 8601 writes it: P1D for a day (Duration's own text would be PT24H). */
    private static String isoStep(Duration step) {
        return step.toSeconds() % 86_400 == 0 ? "P" + step.toDays() + "D" : step.toString();
    }

    static BigDecimal hours(BigDecimal seconds) {
        return seconds.divide(SECONDS_PER_HOUR, HOUR_DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private static String self(String base, HttpServletRequest request) {
        String query = request.getQueryString();
        return base + request.getRequestURI() + (query == null ? "" : "?" + query);
    }
}
