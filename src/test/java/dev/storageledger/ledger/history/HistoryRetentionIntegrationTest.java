package dev.storageledger.ledger.history;

import static dev.storageledger.ledger.history.ScriptedChanges.inForce;
import static dev.storageledger.ledger.history.ScriptedChanges.integral;
import static dev.storageledger.ledger.history.ScriptedChanges.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.ledger.history.ScriptedChanges.Change;
import dev.storageledger.ledger.postgres.HistoryRetention;
import dev.storageledger.support.IntegrationTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Retention over a history of 470 days, made as the writes make it (a point at the step boundary before each first
 * change of a step, the integrals advanced to it): points older than 31 days are removed but for midnights, and all
 * older than 458 days; every midnight reads the same figures and integrals before and after, and those are the figures
 * in force then.
 */
class HistoryRetentionIntegrationTest extends IntegrationTest {

    private static final long STEP_SECONDS = 1;

    @Autowired
    HistoryRetention retention;

    @Test
    void old_points_are_kept_only_at_midnight_and_every_midnight_reads_the_same_before_and_after() {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofDays(470)).truncatedTo(ChronoUnit.MICROS);
        List<Change> changes = history(customer, since, now, new Random(13));

        String path = "/customers/" + customer + "/spaces/1/storage/";
        String days = path + "history?step=P1D&from=" + since + "&to=" + now;
        JsonNode before = admin().get(days).json().get("points");
        Instant firstKept = now.minus(Duration.ofDays(458)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        String yearOfByteHours = path + "byteHours?from=" + firstKept.plus(Duration.ofDays(30)) + "&to="
                + firstKept.plus(Duration.ofDays(395));
        JsonNode byteHoursBefore = admin().get(yearOfByteHours).json();
        assertThat(before).hasSizeBetween(457, 459);
        for (JsonNode point : before) {
            Instant at = Instant.parse(point.get("at").asString());
            Change inForce = inForce(changes, at);
            assertThat(point.get("totalSizeOfStoredImages").asLong()).as("at %s", at).isEqualTo(inForce.size());
            assertThat(point.get("numberOfStoredImages").asLong()).as("at %s", at).isEqualTo(inForce.images());
        }
        int finePointsBefore = points(customer, "at >= CAST(:now AS timestamptz) - interval '31 days' + interval '1 minute'");

        retention.prune();

        assertThat(points(customer, "at < CAST(:now AS timestamptz) - interval '31 days' AND at <> date_trunc('day', at, 'UTC')")).isZero();
        assertThat(points(customer, "at < CAST(:now AS timestamptz) - interval '458 days'")).isZero();
        assertThat(points(customer, "at >= CAST(:now AS timestamptz) - interval '31 days' + interval '1 minute'")).isEqualTo(finePointsBefore);
        assertThat(admin().get(days).json().get("points")).isEqualTo(before);
        assertThat(admin().get(yearOfByteHours).json().get("byteSeconds").decimalValue())
                .isEqualByComparingTo(byteHoursBefore.get("byteSeconds").decimalValue())
                .isEqualByComparingTo(integral(changes, firstKept.plus(Duration.ofDays(30)), firstKept.plus(Duration.ofDays(395)),
                        Change::size));
        assertThat(retention.prune()).as("a second run finds nothing more to remove").isZero();
    }

    /**
     * Writes a space's history as the ledger's writes would have: changes at random instants from {@code since} to
     * {@code now}, each first change after a step boundary writing the row as it stood at that boundary.
     */
    private List<Change> history(int customer, Instant since, Instant now, Random random) {
        List<Change> changes = new ArrayList<>(List.of(new Change(since, 0, 0, 0)));
        BigDecimal bytes = BigDecimal.ZERO;
        BigDecimal thumbnails = BigDecimal.ZERO;
        BigDecimal images = BigDecimal.ZERO;
        List<Instant> instants = new ArrayList<>();
        for (Instant at = since.plus(Duration.ofMinutes(1)); at.isBefore(now.minusSeconds(60));
                at = at.plus(Duration.ofMinutes(1 + random.nextInt(3 * 24 * 60))).plusNanos(random.nextInt(1_000_000) * 1000L)) {
            instants.add(at);
        }
        for (Instant at : instants) {
            Change last = changes.getLast();
            Instant boundary = Instant.ofEpochSecond(at.getEpochSecond() / STEP_SECONDS * STEP_SECONDS);
            if (last.at().isBefore(boundary)) {
                BigDecimal untilBoundary = seconds(last.at(), boundary);
                jdbc.sql("""
                                INSERT INTO space_history (customer, space, at, number_of_stored_images, total_size_of_stored_images,
                                    total_size_of_thumbnails, byte_seconds, thumbnail_byte_seconds, image_seconds)
                                VALUES (:customer, 1, :at, :images, :size, :thumbnails, :byteSeconds, :thumbnailByteSeconds, :imageSeconds)
                                """)
                        .param("customer", customer).param("at", Timestamp.from(boundary))
                        .param("images", last.images()).param("size", last.size()).param("thumbnails", last.thumbnails())
                        .param("byteSeconds", bytes.add(untilBoundary.multiply(BigDecimal.valueOf(last.size()))))
                        .param("thumbnailByteSeconds", thumbnails.add(untilBoundary.multiply(BigDecimal.valueOf(last.thumbnails()))))
                        .param("imageSeconds", images.add(untilBoundary.multiply(BigDecimal.valueOf(last.images()))))
                        .update();
            }
            BigDecimal held = seconds(last.at(), at);
            bytes = bytes.add(held.multiply(BigDecimal.valueOf(last.size())));
            thumbnails = thumbnails.add(held.multiply(BigDecimal.valueOf(last.thumbnails())));
            images = images.add(held.multiply(BigDecimal.valueOf(last.images())));
            // The last change empties the space: its totals then equal its assets (none), as every other test expects.
            long count = at.equals(instants.getLast()) ? 0 : Math.max(0, last.images() + random.nextInt(5) - 2);
            changes.add(new Change(at, count, count == 0 ? 0 : count * 1000 + random.nextInt(1000), count * 10));
        }
        Change last = changes.getLast();
        jdbc.sql("""
                        UPDATE space SET number_of_stored_images = :images, total_size_of_stored_images = :size,
                            total_size_of_thumbnails = :thumbnails, byte_seconds = :byteSeconds,
                            thumbnail_byte_seconds = :thumbnailByteSeconds, image_seconds = :imageSeconds,
                            integrated_since = :since, integrated_at = :at
                        WHERE customer = :customer AND id = 1
                        """)
                .param("customer", customer).param("images", last.images()).param("size", last.size())
                .param("thumbnails", last.thumbnails()).param("byteSeconds", bytes).param("thumbnailByteSeconds", thumbnails)
                .param("imageSeconds", images).param("since", Timestamp.from(since)).param("at", Timestamp.from(last.at()))
                .update();
        return changes;
    }

    private int points(int customer, String condition) {
        return jdbc.sql("SELECT count(*) FROM space_history WHERE customer = :customer AND " + condition)
                .param("customer", customer).param("now", clock.instant().toString()).query(Integer.class).single();
    }

}
