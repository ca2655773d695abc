package dev.storageledger.web.image;

import static dev.storageledger.support.Json.array;
import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.BatchSummary;
import dev.storageledger.ledger.limit.Admission;
import dev.storageledger.ledger.limit.Limit;
import dev.storageledger.ledger.write.ReservationIds;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import dev.storageledger.ledger.writer.Operation;
import dev.storageledger.support.Json;
import dev.storageledger.web.ProblemBody;
import dev.storageledger.web.SignedIn;
import dev.storageledger.web.WebSliceTest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The web layer of the storage records, over a scripted writer: each outcome of a write is answered with its status
 * and body, the writer is handed the write the request asks for, and a bad request is refused before any write.
 */
@WebSliceTest(StorageRecordController.class)
@Import(StorageRecordControllerTest.Writer.class)
class StorageRecordControllerTest {

    private static final int CUSTOMER = 7;
    private static final String ASSET = "/customers/7/spaces/1/images/a";
    private static final String BATCH = "/customers/7/storageRecords";
    private static final Instant LAST_CHECKED = Instant.parse("2026-02-23T01:00:44.474249Z");
    private static final StoredAsset STORED = new StoredAsset(new AssetRef(1, "a"), new AssetSize(100, 10), "alice", LAST_CHECKED);

    /** Imported, not scanned (see WebSliceConfiguration). */
    static class Writer {

        @Bean
        ScriptedWriter scriptedWriter() {
            return new ScriptedWriter();
        }

        /** Customer 7 was given the reservations "upload-1" and "used-up" (which may or may not still be live). */
        @Bean
        ReservationIds reservationIds() {
            return (customer, ids) -> ids.stream()
                    .filter(id -> customer != CUSTOMER || !Set.of("upload-1", "used-up").contains(id))
                    .collect(Collectors.toSet());
        }
    }

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private ScriptedWriter writer;

    @BeforeEach
    void theAdministratorWritesToAWriterThatHasSeenNothing() {
        writer.forget();
        SignedIn.asTheAdministrator();
    }

    @AfterEach
    void nobodyIsSignedInAfterwards() {
        SignedIn.nobody();
    }

    @Test
    void a_new_asset_is_answered_201_with_its_storage_as_the_writer_stored_it() {
        writer.answers(applied(1, 0, 0, STORED));

        MvcTestResult answer = put(ASSET, object("size", 100, "thumbnailSize", 10, "owner", "alice"));

        assertThat(answer).hasStatus(201).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON).hasBodyTextEqualTo(Json.text(object(
                "@context", "http://localhost/contexts/ImageStorage.jsonld",
                "@id", "http://localhost/customers/7/spaces/1/images/a/storage",
                "@type", "vocab:ImageStorage",
                "thumbnailSize", 10,
                "size", 100,
                "lastChecked", "2026-02-23T01:00:44.474249Z",
                "checkingInProgress", false)));
    }

    @Test
    void a_record_is_handed_to_the_writer_as_one_record_of_its_customer() {
        writer.answers(applied(1, 0, 0, STORED));

        put(ASSET, object("size", 100, "thumbnailSize", 10, "owner", "alice", "reservation", "upload-1"));

        assertThat(writer.given()).containsExactly(new ScriptedWriter.Given(Operation.RECORD, Write.records(CUSTOMER,
                List.of(StorageRecord.stored(new AssetRef(1, "a"), new AssetSize(100, 10), "alice", "upload-1")))));
    }

    @Test
    void a_record_without_thumbnails_owner_or_reservation_is_handed_over_with_none() {
        writer.answers(applied(1, 0, 0, STORED));

        put(ASSET, object("size", 100));

        assertThat(writer.given()).containsExactly(new ScriptedWriter.Given(Operation.RECORD, Write.records(CUSTOMER,
                List.of(StorageRecord.stored(new AssetRef(1, "a"), new AssetSize(100, 0), null, null)))));
    }

    @Test
    void an_updated_asset_is_answered_200_with_its_new_storage() {
        StoredAsset updated = new StoredAsset(new AssetRef(1, "a"), new AssetSize(250, 0), null, LAST_CHECKED);
        writer.answers(applied(0, 1, 0, updated));

        MvcTestResult answer = put(ASSET, object("size", 250));

        assertThat(answer).hasStatus(200);
        assertThat(answer).bodyJson().extractingPath("size").isEqualTo(250);
        assertThat(answer).bodyJson().extractingPath("thumbnailSize").isEqualTo(0);
    }

    @Test
    void a_record_that_changes_nothing_is_answered_200() {
        writer.answers(applied(0, 0, 0, STORED));

        assertThat(put(ASSET, object("size", 100, "thumbnailSize", 10, "owner", "alice"))).hasStatus(200);
    }

    @Test
    void deleting_a_stored_asset_is_answered_204_without_a_body() {
        writer.answers(applied(0, 0, 1, (StoredAsset) null));

        MvcTestResult answer = mvc.delete().uri(ASSET).exchange();

        assertThat(answer).hasStatus(204).hasBodyTextEqualTo("");
        assertThat(writer.given()).containsExactly(new ScriptedWriter.Given(Operation.DELETE,
                Write.records(CUSTOMER, List.of(StorageRecord.deleted(new AssetRef(1, "a"))))));
    }

    @Test
    void deleting_an_asset_the_ledger_does_not_hold_is_answered_404_naming_it() {
        writer.answers(applied(0, 0, 0, (StoredAsset) null));

        MvcTestResult answer = mvc.delete().uri(ASSET).exchange();

        assertThat(answer).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).hasBodyTextEqualTo(
                ProblemBody.of(404, "Not Found", "There is no asset 'a' in space 1 of customer 7", ASSET));
    }

    @Test
    void a_record_may_name_its_reservation_by_its_at_id_and_the_writer_is_handed_the_id() {
        writer.answers(applied(1, 0, 0, STORED));

        put(ASSET, object("size", 100, "reservation", "http://localhost/customers/7/reservations/upload-1"));
        post(BATCH, object("records", array(object("space", 2, "asset", "b", "size", 5, "reservation",
                "http://localhost/customers/7/reservations/used-up"))));

        assertThat(writer.given()).containsExactly(
                new ScriptedWriter.Given(Operation.RECORD, Write.records(CUSTOMER,
                        List.of(StorageRecord.stored(new AssetRef(1, "a"), new AssetSize(100, 0), null, "upload-1")))),
                new ScriptedWriter.Given(Operation.BATCH, Write.records(CUSTOMER,
                        List.of(StorageRecord.stored(new AssetRef(2, "b"), new AssetSize(5, 0), null, "used-up")))));
    }

    @Test
    void a_reservation_never_made_for_the_customer_is_answered_404_naming_it_and_nothing_is_written() {
        MvcTestResult single = put(ASSET, object("size", 100, "reservation", "never-made"));
        MvcTestResult batch = post(BATCH, object("records", array(
                object("space", 2, "asset", "b", "size", 5, "reservation", "upload-1"),
                object("space", 2, "asset", "c", "size", 5, "reservation", "http://localhost/customers/8/reservations/upload-1"),
                object("space", 2, "asset", "d", "size", 5, "reservation", "http://localhost/customers/7/reservations/nope"))));

        assertThat(single).hasStatus(404).hasBodyTextEqualTo(ProblemBody.of(404, "Not Found",
                "reservation: customer 7 has no reservation 'never-made' (no reservation of it was ever made with that id)", ASSET));
        assertThat(batch).hasStatus(404).hasBodyTextEqualTo(ProblemBody.of(404, "Not Found",
                "records[1].reservation: 'http://localhost/customers/8/reservations/upload-1' is a reservation of customer 8, not "
                        + "of customer 7; records[2].reservation: customer 7 has no reservation "
                        + "'http://localhost/customers/7/reservations/nope' (no reservation of it was ever made with that id)", BATCH));
        assertThat(writer.given()).isEmpty();
    }

    @Test
    void a_batch_is_answered_with_what_it_created_updated_and_deleted() {
        writer.answers(applied(2, 1, 1, STORED, STORED, STORED, null));

        MvcTestResult answer = post(BATCH, object("records", array(
                object("space", 1, "asset", "a", "size", 100, "thumbnailSize", 10, "owner", "alice"),
                object("space", 2, "asset", "b", "size", 5, "reservation", "upload-1"),
                object("space", 2, "asset", "c", "size", 0),
                object("space", 3, "asset", "gone", "deleted", true))));

        assertThat(answer).hasStatus(200).hasBodyTextEqualTo(Json.text(object("created", 2, "updated", 1, "deleted", 1)));
    }

    @Test
    void a_batch_is_handed_to_the_writer_as_its_records_in_order() {
        writer.answers(applied(2, 0, 1, STORED, STORED, null));

        post(BATCH, object("records", array(
                object("space", 2, "asset", "b", "size", 5, "reservation", "upload-1"),
                object("space", 1, "asset", "a", "size", 100, "thumbnailSize", 10, "owner", "alice"),
                object("space", 3, "asset", "gone", "deleted", true))));

        assertThat(writer.given()).containsExactly(new ScriptedWriter.Given(Operation.BATCH, Write.records(CUSTOMER, List.of(
                StorageRecord.stored(new AssetRef(2, "b"), new AssetSize(5, 0), null, "upload-1"),
                StorageRecord.stored(new AssetRef(1, "a"), new AssetSize(100, 10), "alice", null),
                StorageRecord.deleted(new AssetRef(3, "gone"))))));
    }

    @Test
    void an_empty_batch_is_handed_over_and_answered_with_nothing_done() {
        writer.answers(applied(0, 0, 0));

        MvcTestResult answer = post(BATCH, object("records", array()));

        assertThat(answer).hasStatus(200).hasBodyTextEqualTo(Json.text(object("created", 0, "updated", 0, "deleted", 0)));
        assertThat(writer.given()).containsExactly(new ScriptedWriter.Given(Operation.BATCH, Write.records(CUSTOMER, List.of())));
    }

    @Test
    void a_refused_write_is_answered_507_naming_the_limit() {
        writer.answers(new WriteOutcome.Refused(new Admission.LimitExceeded(new Scope.Space(CUSTOMER, 1),
                new Limit.Policy("small", 5, 1000), Admission.Dimension.TOTAL_SIZE, 1000, 850, 50, 1001)));

        MvcTestResult answer = put(ASSET, object("size", 101));

        assertThat(answer).hasStatus(507).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).hasBodyTextEqualTo(
                ProblemBody.of(507, "Storage limit exceeded", "This operation will fall outside of the storage policy 'small' of "
                        + "space 1 of customer 7 for total size of stored images: maximum is 1000; stored 850 and reserved 50, the write would "
                        + "reach 1001", ASSET));
    }

    @Test
    void a_batch_refused_by_an_owners_capacity_is_answered_507_naming_the_capacity() {
        writer.answers(new WriteOutcome.Refused(new Admission.LimitExceeded(new Scope.Owner(CUSTOMER, "alice"),
                new Limit.Capacity(100, 20), Admission.Dimension.BYTES_USED, 120, 0, 0, 150)));

        MvcTestResult answer = post(BATCH, object("records", array(
                object("space", 1, "asset", "a", "size", 100, "owner", "alice"),
                object("space", 1, "asset", "b", "size", 50, "owner", "alice"))));

        assertThat(answer).hasStatus(507).hasBodyTextEqualTo(ProblemBody.of(507, "Storage limit exceeded",
                "This operation will fall outside of the capacity (base 100 + active storage packs 20 bytes) of user 'alice' of "
                        + "customer 7 for bytes used (size and thumbnails): maximum is 120; stored 0 and reserved 0, the write would reach 150",
                BATCH));
    }

    @Test
    void a_write_that_would_overflow_a_total_is_answered_507() {
        writer.answers(new WriteOutcome.Overflowed());

        MvcTestResult answer = put(ASSET, object("size", Long.MAX_VALUE));

        assertThat(answer).hasStatus(507).hasBodyTextEqualTo(ProblemBody.of(507, "Storage limit exceeded",
                "the write would take a total past 9223372036854775807, the largest the ledger holds", ASSET));
    }

    @Test
    void a_write_for_an_unknown_customer_is_answered_404_naming_the_customer() {
        writer.answers(new WriteOutcome.UnknownCustomer(CUSTOMER));

        MvcTestResult answer = put(ASSET, object("size", 100));

        assertThat(answer).hasStatus(404).hasBodyTextEqualTo(ProblemBody.of(404, "Not Found", "There is no customer 7", ASSET));
    }

    @Test
    void a_record_in_an_unknown_space_is_answered_404_naming_the_space() {
        writer.answers(new WriteOutcome.UnknownSpace(CUSTOMER, 1, 0));

        MvcTestResult answer = put(ASSET, object("size", 100));

        assertThat(answer).hasStatus(404).hasBodyTextEqualTo(ProblemBody.of(404, "Not Found", "There is no space 1 of customer 7", ASSET));
    }

    @Test
    void a_record_with_an_unknown_owner_is_answered_404_naming_the_owner_field() {
        writer.answers(new WriteOutcome.UnknownOwner(CUSTOMER, "zed", 0));

        MvcTestResult answer = put(ASSET, object("size", 100, "owner", "zed"));

        assertThat(answer).hasStatus(404).hasBodyTextEqualTo(ProblemBody.of(404, "Not Found",
                "owner: there is no user 'zed' of customer 7", ASSET));
    }

    @Test
    void a_batch_record_in_an_unknown_space_is_answered_404_with_the_records_path() {
        writer.answers(new WriteOutcome.UnknownSpace(CUSTOMER, 9, 2));

        MvcTestResult answer = post(BATCH, object("records", array(
                object("space", 1, "asset", "a", "size", 1),
                object("space", 1, "asset", "b", "size", 1),
                object("space", 9, "asset", "c", "size", 1))));

        assertThat(answer).hasStatus(404).hasBodyTextEqualTo(ProblemBody.of(404, "Not Found",
                "records[2].space: there is no space 9 of customer 7", BATCH));
    }

    @Test
    void a_batch_record_with_an_unknown_owner_is_answered_404_with_the_records_path() {
        writer.answers(new WriteOutcome.UnknownOwner(CUSTOMER, "zed", 1));

        MvcTestResult answer = post(BATCH, object("records", array(
                object("space", 1, "asset", "a", "size", 1, "owner", "alice"),
                object("space", 1, "asset", "b", "size", 1, "owner", "zed"),
                object("space", 1, "asset", "c", "size", 1))));

        assertThat(answer).hasStatus(404).hasBodyTextEqualTo(ProblemBody.of(404, "Not Found",
                "records[1].owner: there is no user 'zed' of customer 7", BATCH));
    }

    @Test
    void a_batch_of_one_record_in_an_unknown_space_is_answered_as_a_single_record() {
        writer.answers(new WriteOutcome.UnknownSpace(CUSTOMER, 9, 0));

        MvcTestResult answer = post(BATCH, object("records", array(object("space", 9, "asset", "a", "size", 1))));

        assertThat(answer).hasStatus(404).hasBodyTextEqualTo(ProblemBody.of(404, "Not Found", "There is no space 9 of customer 7", BATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyWrite")
    void a_write_the_writer_cannot_carry_out_now_is_answered_503_with_retry_after(Request request) {
        writer.answers(new WriteOutcome.Unavailable("the service is stopping; retry the write"));

        MvcTestResult answer = request.sentTo(mvc);

        assertThat(answer).hasStatus(503).hasHeader(HttpHeaders.RETRY_AFTER, "1").hasBodyTextEqualTo(
                ProblemBody.of(503, "Service Unavailable", "the service is stopping; retry the write", request.path()));
    }

    static Stream<Request> everyWrite() {
        return Stream.of(
                new Request("a record", HttpMethod.PUT, ASSET, Json.text(object("size", 1))),
                new Request("a deletion", HttpMethod.DELETE, ASSET, null),
                new Request("a batch", HttpMethod.POST, BATCH, Json.text(object("records", array(
                        object("space", 1, "asset", "a", "size", 1), object("space", 1, "asset", "b", "size", 1))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void a_bad_request_is_answered_400_naming_the_problem_and_nothing_is_written(Request request, String detail) {
        MvcTestResult answer = request.sentTo(mvc);

        assertThat(answer).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .hasBodyTextEqualTo(ProblemBody.of(400, "Bad Request", detail, request.path()));
        assertThat(writer.given()).isEmpty();
    }

    static Stream<Arguments> badRequests() {
        String sizes = "an integer from 0 to 9223372036854775807";
        return Stream.of(
                bad("a negative size", HttpMethod.PUT, ASSET, object("size", -1), "size: must be " + sizes + ", not -1"),
                bad("a fractional size", HttpMethod.PUT, ASSET, object("size", 1.5), "size: must be " + sizes + ", not 1.5"),
                bad("a string size", HttpMethod.PUT, ASSET, object("size", "10"), "size: must be " + sizes + ", not the string \"10\""),
                bad("no size", HttpMethod.PUT, ASSET, object("thumbnailSize", 3), "size: is required (" + sizes + ")"),
                bad("an unknown field", HttpMethod.PUT, ASSET, object("size", 1, "colour", "red"),
                        "colour: is not a known field (known: owner, reservation, size, thumbnailSize)"),
                bad("a bad owner id", HttpMethod.PUT, ASSET, object("size", 1, "owner", "no spaces"),
                        "owner: must be an id of 1 to 200 characters of A-Z a-z 0-9 . _ ~ -, not the string \"no spaces\""),
                bad("every problem at once", HttpMethod.PUT, ASSET, object("size", -1, "thumbnailSize", "x", "colour", "red"),
                        "colour: is not a known field (known: owner, reservation, size, thumbnailSize); size: must be " + sizes
                                + ", not -1; thumbnailSize: must be " + sizes + ", not the string \"x\""),
                bad("an array for an object", HttpMethod.PUT, ASSET, array(1, 2), "the body: must be a JSON object"),
                bad("malformed JSON", HttpMethod.PUT, ASSET, "{\"size\": ", "The request body is not valid JSON (line 1, column 10)"),
                bad("a customer id that is not a number", HttpMethod.PUT, "/customers/abc/spaces/1/images/a", object("size", 1),
                        "customer: 'abc' is not a valid id (an integer from 1 to 2147483647)"),
                bad("a negative space id", HttpMethod.DELETE, "/customers/7/spaces/-1/images/a", null,
                        "space: '-1' is not a valid id (an integer from 0 to 2147483647)"),
                bad("an asset id with a character ids do not have", HttpMethod.DELETE, "/customers/7/spaces/1/images/a!b", null,
                        "asset: 'a!b' is not a valid id (1 to 200 characters of A-Z a-z 0-9 . _ ~ -)"),
                bad("a batch without records", HttpMethod.POST, BATCH, object("records", 5),
                        "records: is required: an array of at most 10000 records"),
                bad("a batch record without a space", HttpMethod.POST, BATCH, object("records", array(object("asset", "a", "size", 1))),
                        "records[0].space: is required (an integer from 0 to 2147483647)"),
                bad("a batch record with a bad size", HttpMethod.POST, BATCH, object("records", array(
                        object("space", 1, "asset", "a", "size", 1), object("space", 1, "asset", "b", "size", 1),
                        object("space", 1, "asset", "c", "size", -3))), "records[2].size: must be " + sizes + ", not -3"),
                bad("a batch naming an asset twice", HttpMethod.POST, BATCH, object("records", array(
                        object("space", 1, "asset", "a", "size", 1), object("space", 1, "asset", "a", "deleted", true))),
                        "records[1]: asset 'a' in space 1 is already named by records[0]; a batch names each asset once"),
                bad("a reservation link of another base", HttpMethod.PUT, ASSET, object("size", 1, "reservation",
                        "https://elsewhere.example/customers/7/reservations/upload-1"),
                        "reservation: must be a reservation's id or its @id (http://localhost/customers/7/reservations/{id}), not "
                                + "'https://elsewhere.example/customers/7/reservations/upload-1'"),
                bad("a reservation that is a number", HttpMethod.POST, BATCH, object("records", array(
                        object("space", 1, "asset", "a", "size", 1, "reservation", 5))),
                        "records[0].reservation: must be a string of 1 to 2048 characters, not 5"),
                bad("a deletion with a size", HttpMethod.POST, BATCH, object("records", array(
                        object("space", 1, "asset", "a", "size", 1, "deleted", true))),
                        "records[0].size: is not allowed in a record with \"deleted\": true"));
    }

    @Test
    void a_body_that_is_not_json_is_answered_415_and_nothing_is_written() {
        MvcTestResult answer = mvc.put().uri(ASSET).contentType(MediaType.TEXT_PLAIN).content("size=1").exchange();

        assertThat(answer).hasStatus(415).hasBodyTextEqualTo(ProblemBody.of(415, "Unsupported Media Type",
                "The request body has content type 'text/plain'; send application/json", ASSET));
        assertThat(writer.given()).isEmpty();
    }

    /** A request of the table tests: its body is JSON text (null: none). */
    record Request(String description, HttpMethod method, String path, String body) {

        MvcTestResult sentTo(MockMvcTester mvc) {
            MockMvcTester.MockMvcRequestBuilder request = mvc.method(method).uri(path);
            return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).content(body).exchange();
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private static Arguments bad(String description, HttpMethod method, String path, Object body,
            String detail) {
        String text = body == null ? null : body instanceof String raw ? raw : Json.text(body);
        return Arguments.of(new Request(description, method, path, text), detail);
    }

    private static WriteOutcome.Applied applied(int created, int updated, int deleted, StoredAsset... assets) {
        return new WriteOutcome.Applied(new BatchSummary(created, updated, deleted), Arrays.asList(assets));
    }

    private MvcTestResult put(String path, Object body) {
        return mvc.put().uri(path).contentType(MediaType.APPLICATION_JSON).content(Json.text(body)).exchange();
    }

    private MvcTestResult post(String path, Object body) {
        return mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(Json.text(body)).exchange();
    }
}
