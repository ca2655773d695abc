package dev.storageledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A job's result is kept in its row as JSON: the rows written before results had types of their own (maps written
 * by the same mapper) read back, and are written again, field for field.
 */
class JobResultJsonTest {

    @Test
    void a_recalculation_reads_back_and_is_written_as_its_row_keeps_it() {
        String stored = "{\"scopesChecked\":4,\"drift\":[{\"scope\":\"space 1 of customer 7\",\"numberOfStoredImages\":1,"
                + "\"totalSizeOfStoredImages\":-10,\"totalSizeOfThumbnails\":0}]}";

        JobResult result = JobRepository.result(Job.Kind.RECALCULATION, stored);

        assertThat(result).isEqualTo(new RecalculationResult(4, List.of(new RecalculationResult.Drift("space 1 of customer 7", 1, -10, 0))));
        assertThat(JobRepository.json(result)).isEqualTo(stored);
    }

    @Test
    void a_reconciliation_reads_back_and_is_written_as_its_row_keeps_it() {
        String stored = "{\"mode\":\"dry-run\",\"matching\":2,"
                + "\"mismatched\":{\"count\":1,\"size\":150,\"thumbnailSize\":0,\"items\":[{\"space\":1,\"asset\":\"bigger\",\"size\":100,"
                + "\"thumbnailSize\":0,\"measuredSize\":150,\"measuredThumbnailSize\":0}]},"
                + "\"missing\":{\"count\":1,\"size\":40,\"thumbnailSize\":4,\"items\":[{\"space\":1,\"asset\":\"gone\",\"size\":40,\"thumbnailSize\":4}]},"
                + "\"orphans\":{\"count\":1,\"size\":70,\"thumbnailSize\":5,\"items\":[{\"space\":1,\"asset\":\"stray\",\"measuredSize\":70,"
                + "\"measuredThumbnailSize\":5}]},"
                + "\"applied\":0}";

        JobResult result = JobRepository.result(Job.Kind.RECONCILIATION, stored);

        assertThat(result).isInstanceOfSatisfying(ReconciliationResult.class, reconciliation -> {
            assertThat(reconciliation.mode()).isEqualTo(ReconciliationResult.Mode.DRY_RUN);
            assertThat(reconciliation.missing().items()).containsExactly(new ReconciliationResult.Item(1, "gone", 40L, 4L, null, null));
            assertThat(reconciliation.orphans().items()).containsExactly(new ReconciliationResult.Item(1, "stray", null, null, 70L, 5L));
        });
        assertThat(JobRepository.json(result)).isEqualTo(stored);
    }

    @Test
    void an_applied_reconciliation_keeps_its_mode() {
        ReconciliationResult.Differences none = new ReconciliationResult.Differences(0, 0, 0, List.of());
        ReconciliationResult applied = new ReconciliationResult(ReconciliationResult.Mode.APPLY, 3, none, none, none, 0);

        assertThat(JobRepository.json(applied)).startsWith("{\"mode\":\"apply\",");
        assertThat(JobRepository.result(Job.Kind.RECONCILIATION, JobRepository.json(applied))).isEqualTo(applied);
    }

    @Test
    void a_check_reads_back_as_its_row_kept_it_when_it_was_written_by_hand() {
        assertThat(JobRepository.result(Job.Kind.CHECK, "{\"size\": 150, \"thumbnailSize\": 5}")).isEqualTo(new CheckResult(150, 5));
        assertThat(JobRepository.json(new CheckResult(150, 5))).isEqualTo("{\"size\":150,\"thumbnailSize\":5}");
    }
}
