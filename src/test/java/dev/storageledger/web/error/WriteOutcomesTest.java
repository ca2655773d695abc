package dev.storageledger.web.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.storageledger.failure.Failure;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.write.Reservation;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A write whose outcome is unknown is never told "nothing was applied"; one known not to be applied is. */
class WriteOutcomesTest {

    private static final Write RECORD = new Write.Records(7, List.of(StorageRecord.deleted(new AssetRef(1, "a"))), false);
    private static final Write RESERVATION = new Write.Reserve(7,
            new Reservation.Request("r", 1, null, 1, new AssetSize(10, 0), Duration.ofMinutes(5)));

    @Test
    void an_uncertain_record_is_unavailable_and_may_have_been_applied_and_is_safe_to_retry() {
        Failure failure = catchThrowableOfType(Failure.class,
                () -> WriteOutcomes.applied(RECORD, new WriteOutcome.Uncertain("The commit failed")));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
        assertThat(failure.detail()).startsWith("The commit failed: it may have been applied. Retrying it is safe")
                .doesNotContain("nothing was applied");
    }

    @Test
    void an_uncertain_reservation_may_have_been_made_and_a_retry_makes_another() {
        Failure failure = catchThrowableOfType(Failure.class,
                () -> WriteOutcomes.reserved(RESERVATION, new WriteOutcome.Uncertain("The commit failed")));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
        assertThat(failure.detail()).isEqualTo("The commit failed: the reservation may have been made, and then holds its room until "
                + "it expires; a retry makes another");
    }

    @Test
    void a_write_known_not_to_be_applied_says_so() {
        Failure failure = catchThrowableOfType(Failure.class, () -> WriteOutcomes.applied(RECORD,
                new WriteOutcome.Unavailable("The ledger's database cannot be reached; nothing was applied")));

        assertThat(failure.kind()).isEqualTo(Failure.Kind.UNAVAILABLE);
        assertThat(failure.detail()).isEqualTo("The ledger's database cannot be reached; nothing was applied");
    }
}
