package dev.storageledger.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.storageledger.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import storageledger.client.ApiClient;
import storageledger.client.ApiException;
import storageledger.client.ApiResponse;
import storageledger.client.api.AccountsApi;
import storageledger.client.api.AdministrationApi;
import storageledger.client.api.CloudreveApi;
import storageledger.client.api.CocoonApi;
import storageledger.client.api.DlcsApi;
import storageledger.client.model.BatchResult;
import storageledger.client.model.CloudreveResponseCapacity;
import storageledger.client.model.CloudreveResponseSignedIn;
import storageledger.client.model.CustomerRequest;
import storageledger.client.model.CustomerResource;
import storageledger.client.model.CustomerStorage;
import storageledger.client.model.ImageStorage;
import storageledger.client.model.IssuedKey;
import storageledger.client.model.LoginRequest;
import storageledger.client.model.PlanRequest;
import storageledger.client.model.Problem;
import storageledger.client.model.ReservationRequest;
import storageledger.client.model.ReservationResource;
import storageledger.client.model.SpaceRequest;
import storageledger.client.model.StoragePackRequest;
import storageledger.client.model.StoragePolicyRequest;
import storageledger.client.model.StoragePolicyResource;
import storageledger.client.model.StorageRecordBatch;
import storageledger.client.model.StorageRecordBatchItem;
import storageledger.client.model.StorageRecordRequest;
import storageledger.client.model.StorageStatistics;
import storageledger.client.model.UserRequest;
import storageledger.client.model.UserResource;

/**
 * The README's walk-through, run with the Java client that openapi-generator generates from the service's own
 * OpenAPI document during the build (typed requests and answers, a refusal as a typed ApiException).
 */
class GeneratedClientWalkThroughIntegrationTest extends IntegrationTest {

    @Test
    void the_generated_client_runs_the_walk_through() throws Exception {
        int customer = newCustomerId();
        String policy = "small-" + customer;
        String plan = "basic-" + customer;
        String email = "ursula-" + customer + "@example.org";
        ApiClient admin = client("Basic " + basic(ADMIN_KEY, ADMIN_SECRET));
        DlcsApi dlcs = new DlcsApi(admin);
        AdministrationApi administration = new AdministrationApi(admin);
        AccountsApi accounts = new AccountsApi(admin);

        // A policy of 5 assets and 1,000,000 bytes, customer 7's stand-in under it, a space, a plan and a user.
        ApiResponse<StoragePolicyResource> created = dlcs.putStoragePolicyWithHttpInfo(policy,
                new StoragePolicyRequest().maximumNumberOfStoredImages(5L).maximumTotalSizeOfStoredImages(1_000_000L));
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(created.getData().getMaximumTotalSizeOfStoredImages()).isEqualTo(1_000_000L);
        assertThat(administration.putCustomerWithHttpInfo(customer,
                new CustomerRequest().name("Example Library").storagePolicy(policy)).getStatusCode()).isEqualTo(201);
        assertThat(administration.putSpace(customer, 1, new SpaceRequest().name("Manuscripts")).getName()).isEqualTo("Manuscripts");
        accounts.putPlan(plan, new PlanRequest().name("Basic").capacity(600_000L));
        UserResource user = accounts.putUser(customer, "u1", new UserRequest().name("Ursula").email(email)
                .password("correct horse battery").roles(List.of(UserRequest.RolesEnum.ORIGINATOR)).plan(plan));
        assertThat(user.getCapacity()).isEqualTo(600_000L);

        // A record, then a batch: page-001 updated, two new assets, one of them owned by u1.
        ApiResponse<ImageStorage> recorded = administration.putStorageRecordWithHttpInfo(customer, 1, "page-001",
                new StorageRecordRequest().size(250_000L).thumbnailSize(12_000L));
        assertThat(recorded.getStatusCode()).isEqualTo(201);
        assertThat(recorded.getData().getSize()).isEqualTo(250_000L);
        BatchResult batch = administration.postStorageRecords(customer, new StorageRecordBatch().records(List.of(
                record("page-001", 260_000L, 12_000L, null),
                record("page-002", 300_000L, 15_000L, null),
                record("page-003", 200_000L, 9_000L, "u1"))));
        assertThat(List.of(batch.getCreated(), batch.getUpdated(), batch.getDeleted())).containsExactly(2, 1, 0);

        // A fourth asset would take the customer past its policy: 507, as a typed error whose problem body reads.
        ApiException refused = catchThrowableOfType(ApiException.class, () -> administration.putStorageRecord(customer, 1,
                "page-004", new StorageRecordRequest().size(300_000L).thumbnailSize(14_000L)));
        assertThat(refused.getCode()).isEqualTo(507);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        Problem problem = admin.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getTitle()).isEqualTo("Storage limit exceeded");
        assertThat(problem.getStatus()).isEqualTo(507);
        assertThat(problem.getDetail()).contains("'" + policy + "'").contains("1000000");

        // Deleting page-002 in the same batch makes room for page-004.
        batch = administration.postStorageRecords(customer, new StorageRecordBatch().records(List.of(
                new StorageRecordBatchItem().space(1).asset("page-002").deleted(true),
                record("page-004", 300_000L, 14_000L, null))));
        assertThat(List.of(batch.getCreated(), batch.getUpdated(), batch.getDeleted())).containsExactly(1, 0, 1);

        // The storage reads.
        CustomerStorage storage = dlcs.getCustomerStorage(customer);
        assertThat(List.of(storage.getNumberOfStoredImages(), storage.getTotalSizeOfStoredImages(), storage.getTotalSizeOfThumbnails()))
                .containsExactly(3L, 760_000L, 35_000L);
        assertThat(storage.getStoragePolicy()).endsWith("/storagePolicies/" + policy);
        assertThat(storage.getLastCalculated()).isNotNull();
        assertThat(dlcs.getSpaceStorage(customer, 1).getTotalSizeOfStoredImages()).isEqualTo(760_000L);
        ImageStorage image = dlcs.getImageStorage(customer, 1, "page-004");
        assertThat(List.of(image.getSize(), image.getThumbnailSize())).containsExactly(300_000L, 14_000L);
        assertThat(image.getCheckingInProgress()).isFalse();

        // The user's capacity: page-001 given to u1 fits, a new 200,000-byte asset does not; a pack adds room.
        assertThat(administration.putStorageRecordWithHttpInfo(customer, 1, "page-001",
                new StorageRecordRequest().size(260_000L).thumbnailSize(12_000L).owner("u1")).getStatusCode()).isEqualTo(200);
        ApiException overCapacity = catchThrowableOfType(ApiException.class, () -> administration.putStorageRecord(customer, 1,
                "page-005", new StorageRecordRequest().size(200_000L).owner("u1")));
        assertThat(overCapacity.getCode()).isEqualTo(507);
        accounts.addStoragePack(customer, "u1", new StoragePackRequest().name("Extra 500 kB").size(500_000L)
                .expiresAt(OffsetDateTime.parse("2031-01-01T00:00:00Z")));
        user = accounts.getUser(customer, "u1");
        assertThat(List.of(user.getCapacity(), user.getStoragePackTotal(), user.getUsed())).containsExactly(1_100_000L, 500_000L, 481_000L);

        // The user logs in as in Cloudreve and reads their capacity with the access token.
        CloudreveApi anonymous = new CloudreveApi(client(null));
        CloudreveResponseSignedIn signedIn = anonymous.login(new LoginRequest().email(email).password("correct horse battery"));
        assertThat(signedIn.getCode()).isZero();
        String token = signedIn.getData().getToken().getAccessToken();
        CloudreveResponseCapacity capacity = new CloudreveApi(client("Bearer " + token)).getCapacity();
        assertThat(capacity.getCode()).isZero();
        assertThat(List.of(capacity.getData().getTotal(), capacity.getData().getUsed(), capacity.getData().getStoragePackTotal()))
                .containsExactly(1_100_000L, 481_000L, 500_000L);
        CloudreveResponseCapacity loginRequired = new CloudreveApi(client("Bearer not-a-token")).getCapacity();
        assertThat(loginRequired.getCode()).isEqualTo(401);
        assertThat(loginRequired.getCorrelationId()).isNotNull();

        // An organisation administrator reads Cocoon's statistics.
        accounts.putUser(customer, "boss", new UserRequest().name("Boss").email("boss-" + customer + "@example.org")
                .password("another good one").roles(List.of(UserRequest.RolesEnum.ORGANISATION_ADMINISTRATOR)));
        String boss = anonymous.login(new LoginRequest().email("boss-" + customer + "@example.org").password("another good one"))
                .getData().getToken().getAccessToken();
        StorageStatistics statistics = new CocoonApi(client("Bearer " + boss)).getOrganisationStorageStatistics(customer);
        assertThat(List.of(statistics.getOrganisationQuota(), statistics.getObjectStorageRequired(), statistics.getObjectStorageUsed()))
                .containsExactly("0", "1", "481000");

        // A reservation holds room: another asset no longer fits, the upload that names the reservation does.
        ReservationResource reservation = administration.createReservation(customer,
                new ReservationRequest().space(1).size(200_000L).ttlSeconds(600L));
        String reservationId = reservation.getAtId().getPath().substring(reservation.getAtId().getPath().lastIndexOf('/') + 1);
        CustomerResource held = administration.getCustomer(customer);
        assertThat(held.getReservedSize()).isEqualTo(200_000L);
        assertThat(catchThrowableOfType(ApiException.class, () -> administration.putStorageRecord(customer, 1, "page-006",
                new StorageRecordRequest().size(100_000L))).getCode()).isEqualTo(507);
        assertThat(administration.putStorageRecordWithHttpInfo(customer, 1, "page-005", new StorageRecordRequest()
                .size(180_000L).thumbnailSize(9_000L).reservation(reservationId)).getStatusCode()).isEqualTo(201);
        assertThat(administration.getCustomer(customer).getReservedSize()).isZero();

        // A key of the customer reads its own storage and nothing of another customer's.
        IssuedKey key = administration.createKey(customer);
        ApiClient customerKey = client("Basic " + basic(key.getKey(), key.getSecret()));
        assertThat(new DlcsApi(customerKey).getCustomerStorage(customer).getNumberOfStoredImages()).isEqualTo(4L);
        ApiException forbidden = catchThrowableOfType(ApiException.class, () -> new DlcsApi(customerKey).getCustomerStorage(customer + 1));
        assertThat(forbidden.getCode()).isEqualTo(403);
        assertThat(customerKey.getObjectMapper().readValue(forbidden.getResponseBody(), Problem.class).getTitle()).isEqualTo("Forbidden");
    }

    private static StorageRecordBatchItem record(String asset, long size, long thumbnailSize, String owner) {
        return new StorageRecordBatchItem().space(1).asset(asset).size(size).thumbnailSize(thumbnailSize).owner(owner);
    }

    /** The generated client pointed at this service, sending {@code authorization} (or nothing) with every request. */
    private ApiClient client(String authorization) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        if (authorization != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", authorization));
        }
        return client;
    }

    private static String basic(String key, String secret) {
        return Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
