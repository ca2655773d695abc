package dev.storageledger.web.dlcs;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.read.AssetStorage;
import dev.storageledger.ledger.read.FakeStorageReads;
import dev.storageledger.ledger.read.ScopeStorage;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.support.Json;
import dev.storageledger.web.ProblemBody;
import dev.storageledger.web.SignedIn;
import dev.storageledger.web.WebSliceTest;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The web layer of the storage reads (seeds 000 and 001), over the real reader and a fake of the stored figures:
 * CustomerStorage and ImageStorage field for field, in the seeds' order, and 404 for what the ledger does not hold.
 */
@WebSliceTest(StorageController.class)
@Import(StorageControllerTest.Reads.class)
class StorageControllerTest {

    private static final int CUSTOMER = 2;
    private static final Instant LAST_CALCULATED = Instant.parse("2026-02-23T01:00:44.474249Z");
    private static final Instant LAST_CHECKED = Instant.parse("2026-02-20T09:15:00Z");

    /** Imported, not scanned (see WebSliceConfiguration). */
    static class Reads {

        @Bean
        FakeStorageReads fakeStorageReads() {
            return new FakeStorageReads();
        }

        @Bean
        StorageReader storageReader(FakeStorageReads reads) {
            return reads.reader();
        }
    }

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private FakeStorageReads reads;

    @BeforeEach
    void theAdministratorReadsALedgerThatHoldsNothing() {
        reads.forget();
        SignedIn.asTheAdministrator();
    }

    @AfterEach
    void nobodyIsSignedInAfterwards() {
        SignedIn.nobody();
    }

    @Test
    void customer_storage_is_answered_field_for_field_from_the_stored_figures() {
        reads.customer(CUSTOMER, new ScopeStorage(new Usage(20, 150536377L, 4963884L), LAST_CALCULATED, "default"));

        MvcTestResult answer = mvc.get().uri("/customers/2/storage").exchange();

        assertThat(answer).hasStatus(200).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON).hasBodyTextEqualTo(Json.text(object(
                "@context", "http://localhost/contexts/CustomerStorage.jsonld",
                "@id", "http://localhost/customers/2/storage",
                "@type", "vocab:CustomerStorage",
                "numberOfStoredImages", 20,
                "totalSizeOfStoredImages", 150536377L,
                "totalSizeOfThumbnails", 4963884L,
                "lastCalculated", "2026-02-23T01:00:44.474249Z",
                "storagePolicy", "http://localhost/storagePolicies/default")));
    }

    @Test
    void space_storage_is_answered_field_for_field_with_the_policy_that_governs_the_space() {
        reads.space(CUSTOMER, 5, new ScopeStorage(new Usage(12, 101847062L, 2734502L), LAST_CALCULATED, "tiny"));

        MvcTestResult answer = mvc.get().uri("/customers/2/spaces/5/storage").exchange();

        assertThat(answer).hasStatus(200).hasBodyTextEqualTo(Json.text(object(
                "@context", "http://localhost/contexts/CustomerStorage.jsonld",
                "@id", "http://localhost/customers/2/spaces/5/storage",
                "@type", "vocab:CustomerStorage",
                "numberOfStoredImages", 12,
                "totalSizeOfStoredImages", 101847062L,
                "totalSizeOfThumbnails", 2734502L,
                "lastCalculated", "2026-02-23T01:00:44.474249Z",
                "storagePolicy", "http://localhost/storagePolicies/tiny")));
    }

    @Test
    void image_storage_is_answered_field_for_field_from_the_stored_asset() {
        reads.asset(CUSTOMER, new AssetStorage(myAsset(), false));

        MvcTestResult answer = mvc.get().uri("/customers/2/spaces/5/images/my-asset/storage").exchange();

        assertThat(answer).hasStatus(200).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON).hasBodyTextEqualTo(Json.text(object(
                "@context", "http://localhost/contexts/ImageStorage.jsonld",
                "@id", "http://localhost/customers/2/spaces/5/images/my-asset/storage",
                "@type", "vocab:ImageStorage",
                "thumbnailSize", 115874,
                "size", 4082121,
                "lastChecked", "2026-02-20T09:15:00Z",
                "checkingInProgress", false)));
    }

    @Test
    void an_asset_whose_check_is_running_is_answered_with_checking_in_progress() {
        reads.asset(CUSTOMER, new AssetStorage(myAsset(), true));

        MvcTestResult answer = mvc.get().uri("/customers/2/spaces/5/images/my-asset/storage").exchange();

        assertThat(answer).hasStatus(200);
        assertThat(answer).bodyJson().extractingPath("checkingInProgress").isEqualTo(true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /customers/2/storage                           | There is no customer 2
            /customers/2/spaces/5/storage                  | There is no space 5 of customer 2
            /customers/2/spaces/5/images/my-asset/storage  | There is no asset 'my-asset' in space 5 of customer 2
            """)
    void what_the_ledger_does_not_hold_is_answered_404_naming_it(String path, String detail) {
        MvcTestResult answer = mvc.get().uri(path).exchange();

        assertThat(answer).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .hasBodyTextEqualTo(ProblemBody.of(404, "Not Found", detail, path));
    }

    @Test
    void a_key_of_the_customer_reads_its_storage() {
        reads.customer(CUSTOMER, new ScopeStorage(new Usage(1, 2, 3), LAST_CALCULATED, "default"));
        SignedIn.asAKeyOf(CUSTOMER);

        assertThat(mvc.get().uri("/customers/2/storage")).hasStatus(200);
    }

    @Test
    void a_key_of_another_customer_is_answered_403() {
        reads.customer(CUSTOMER, new ScopeStorage(new Usage(1, 2, 3), LAST_CALCULATED, "default"));
        SignedIn.asAKeyOf(3);

        MvcTestResult answer = mvc.get().uri("/customers/2/storage").exchange();

        assertThat(answer).hasStatus(403).hasBodyTextEqualTo(ProblemBody.of(403, "Forbidden",
                "Only the administrator, a key of customer 2 or an organisation administrator of it may read this customer's "
                        + "resources", "/customers/2/storage"));
    }

    @Test
    void a_bad_asset_id_is_answered_400_naming_it() {
        MvcTestResult answer = mvc.get().uri("/customers/2/spaces/5/images/a!b/storage").exchange();

        assertThat(answer).hasStatus(400).hasBodyTextEqualTo(ProblemBody.of(400, "Bad Request",
                "asset: 'a!b' is not a valid id (1 to 200 characters of A-Z a-z 0-9 . _ ~ -)", "/customers/2/spaces/5/images/a!b/storage"));
    }

    @Test
    void a_read_the_database_cannot_answer_is_answered_503_with_retry_after() {
        reads.failWith(new DataAccessResourceFailureException("connection refused", new SQLException("Connection refused", "08001")));

        MvcTestResult answer = mvc.get().uri("/customers/2/storage").exchange();

        assertThat(answer).hasStatus(503).hasHeader(HttpHeaders.RETRY_AFTER, "1").hasBodyTextEqualTo(ProblemBody.of(503,
                "Service Unavailable", "The ledger's database cannot be reached; retry later", "/customers/2/storage"));
    }

    /** Seed 000's example asset. */
    private static StoredAsset myAsset() {
        return new StoredAsset(new AssetRef(5, "my-asset"), new AssetSize(4082121, 115874), null, LAST_CHECKED);
    }
}
