package dev.storageledger.web.cloudreve;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.storageledger.TokenSettings;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Limit;
import dev.storageledger.ledger.read.FakeStorageReads;
import dev.storageledger.ledger.read.OwnerStorage;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.security.NoUserSessions;
import dev.storageledger.security.UserPrincipal;
import dev.storageledger.security.UserSessions;
import dev.storageledger.support.Json;
import dev.storageledger.web.SignedIn;
import dev.storageledger.web.WebSliceTest;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web layer of Cloudreve's GET /api/v4/user/capacity (seed 003), over the real reader and a fake of the stored
 * figures: the signed-in user's capacity in Cloudreve's envelope, and every failure kept at HTTP 200 with Cloudreve's
 * code, message and a correlation id.
 */
@WebSliceTest(CloudreveController.class)
@Import(CloudreveCapacityTest.Collaborators.class)
class CloudreveCapacityTest {

    private static final String CAPACITY = "/api/v4/user/capacity";
    private static final int CUSTOMER = 3;
    private static final long TWO_TIB = 2_199_023_255_552L;
    private static final long ACTIVE_PACKS = 1_503_249_039_360L;

    /** Imported, not scanned (see WebSliceConfiguration). */
    static class Collaborators {

        @Bean
        FakeStorageReads fakeStorageReads() {
            return new FakeStorageReads();
        }

        @Bean
        StorageReader storageReader(FakeStorageReads reads) {
            return reads.reader();
        }

        @Bean
        UserSessions userSessions(TokenSettings tokens) {
            return new NoUserSessions(tokens);
        }
    }

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private FakeStorageReads reads;

    @Autowired
    private JsonMapper json;

    @BeforeEach
    void aliceIsSignedInToALedgerThatHoldsNothing() {
        reads.forget();
        SignedIn.asUser(new UserPrincipal(CUSTOMER, "alice", Set.of()));
    }

    @AfterEach
    void nobodyIsSignedInAfterwards() {
        SignedIn.nobody();
    }

    @Test
    void the_signed_in_users_capacity_is_answered_in_cloudreves_envelope() {
        reads.owner(CUSTOMER, "alice", new OwnerStorage(new Usage(2, 7_945_088_528L, 1_234_567L), new Limit.Capacity(TWO_TIB, ACTIVE_PACKS)));
        reads.owner(CUSTOMER, "bob", new OwnerStorage(new Usage(1, 999, 1), new Limit.Capacity(1_000_000, 0)));

        MvcTestResult answer = mvc.get().uri(CAPACITY).exchange();

        assertThat(answer).hasStatus(200).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON).hasBodyTextEqualTo(Json.text(object(
                "code", 0,
                "data", object("total", 3_702_272_294_912L, "used", 7_946_323_095L, "storage_pack_total", ACTIVE_PACKS),
                "msg", "")));
    }

    @Test
    void a_capacity_past_the_largest_total_is_answered_as_that_total() {
        reads.owner(CUSTOMER, "alice", new OwnerStorage(Usage.NONE, new Limit.Capacity(Long.MAX_VALUE, 1)));

        MvcTestResult answer = mvc.get().uri(CAPACITY).exchange();

        assertThat(answer).hasStatus(200).hasBodyTextEqualTo(Json.text(object(
                "code", 0, "data", object("total", Long.MAX_VALUE, "used", 0, "storage_pack_total", 1), "msg", "")));
    }

    @Test
    void a_user_the_ledger_does_not_hold_is_answered_200_with_cloudreves_not_found() {
        MvcTestResult answer = mvc.get().uri(CAPACITY).exchange();

        assertFailure(answer, CloudreveResponse.NOT_FOUND, "There is no user 'alice' of customer 3");
    }

    @Test
    void a_read_the_database_cannot_answer_is_answered_200_with_cloudreves_database_error() {
        reads.failWith(new DataAccessResourceFailureException("connection refused"));

        MvcTestResult answer = mvc.get().uri(CAPACITY).exchange();

        assertFailure(answer, CloudreveResponse.DATABASE_ERROR, "Database error");
    }

    @Test
    void an_unexpected_failure_is_answered_200_with_cloudreves_internal_error_and_tells_nothing_of_it() {
        reads.failWith(new IllegalStateException("a secret the client must not see"));

        MvcTestResult answer = mvc.get().uri(CAPACITY).exchange();

        assertFailure(answer, CloudreveResponse.INTERNAL_ERROR, "Internal error");
    }

    /** HTTP 200, and Cloudreve's failure envelope: its code, its message, a correlation id, and no data. */
    private void assertFailure(MvcTestResult answer, int code, String msg) {
        assertThat(answer).hasStatus(200).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        JsonNode envelope = json.readTree(answer.getResponse().getContentAsByteArray());
        assertThat(envelope.propertyNames()).containsExactly("code", "msg", "correlation_id");
        assertThat(envelope.get("code").intValue()).isEqualTo(code);
        assertThat(envelope.get("msg").stringValue()).isEqualTo(msg);
        assertThatCode(() -> UUID.fromString(envelope.get("correlation_id").stringValue())).doesNotThrowAnyException();
    }
}
