package dev.storageledger.support;

import static dev.storageledger.support.Json.array;
import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The set-ups that tests repeat, made over HTTP by the administrator so that a test's first lines read as what it
 * starts from: {@code given.policy("small", 2, 1000); given.customer(customer, "small"); given.space(customer, 1);}.
 * Each one makes something new and fails the test unless the service answers that it did (201, or 200 for a
 * batch); a test that changes what exists does so with a request of its own.
 */
public final class Given {

    private final Supplier<LedgerClient> admin;

    Given(Supplier<LedgerClient> admin) {
        this.admin = admin;
    }

    /** The set-ups made by {@code administrator}: of a service of the test's own, such as a {@link ServiceProcess}. */
    public static Given by(LedgerClient administrator) {
        return new Given(() -> administrator);
    }

    /** A storage policy of at most {@code images} assets and {@code bytes} bytes. */
    public LedgerClient.Response policy(String id, long images, long bytes) {
        return created(admin.get().put("/storagePolicies/" + id,
                object("maximumNumberOfStoredImages", images, "maximumTotalSizeOfStoredImages", bytes)));
    }

    /** A customer under the default storage policy. */
    public LedgerClient.Response customer(int id) {
        return created(admin.get().put("/customers/" + id, object("name", "customer " + id)));
    }

    /** A customer under the storage policy {@code policy}. */
    public LedgerClient.Response customer(int id, String policy) {
        return created(admin.get().put("/customers/" + id, object("name", "customer " + id, "storagePolicy", policy)));
    }

    /** A space of a customer, with no policy of its own. */
    public LedgerClient.Response space(int customer, int space) {
        return created(admin.get().put(spacePath(customer, space), object("name", "space " + space)));
    }

    /** A space of a customer with a storage policy of its own, on top of its customer's. */
    public LedgerClient.Response space(int customer, int space, String policy) {
        return created(admin.get().put(spacePath(customer, space), object("name", "space " + space, "storagePolicy", policy)));
    }

    /** A plan that gives its users {@code capacity} bytes. */
    public LedgerClient.Response plan(String id, long capacity) {
        return created(admin.get().put("/plans/" + id, object("name", id, "capacity", capacity)));
    }

    /** A user of a customer named {@code id}, with the email {@link #email}, no password, no roles and no capacity. */
    public LedgerClient.Response user(int customer, String id) {
        return user(customer, id, object());
    }

    /**
     * A user of a customer named {@code id}, with the email {@link #email} and the further fields given (a
     * "quota" or a "plan", "roles", a "password"); a "name" or an "email" among them takes the place of the one made up.
     */
    public LedgerClient.Response user(int customer, String id, ObjectNode fields) {
        ObjectNode user = object("name", id, "email", email(customer, id));
        user.setAll(fields);
        return created(admin.get().put("/customers/" + customer + "/users/" + id, user));
    }

    /** The email of a user that {@link #user} makes up: {@code id-customer@example.com}. */
    public static String email(int customer, String id) {
        return id + "-" + customer + "@example.com";
    }

    /** A storage pack of a user, active from now until {@code expiresAt}. */
    public LedgerClient.Response pack(int customer, String user, String name, long size, Instant expiresAt) {
        return created(admin.get().post(packsPath(customer, user), object("name", name, "size", size, "expiresAt", expiresAt)));
    }

    /** A storage pack of a user, active from {@code activeFrom} until {@code expiresAt}. */
    public LedgerClient.Response pack(int customer, String user, String name, long size, Instant activeFrom, Instant expiresAt) {
        return created(admin.get().post(packsPath(customer, user),
                object("name", name, "size", size, "activeFrom", activeFrom, "expiresAt", expiresAt)));
    }

    /** The record of an asset that was not stored before: {@code record} has its "size" and maybe more. */
    public LedgerClient.Response asset(int customer, int space, String asset, ObjectNode record) {
        return created(admin.get().put(spacePath(customer, space) + "/images/" + asset, record));
    }

    /** A batch of records, each with its "space" and "asset", applied whole. */
    public LedgerClient.Response records(int customer, ObjectNode... records) {
        return records(customer, List.of(records));
    }

    /** A batch of records, each with its "space" and "asset", applied whole. */
    public LedgerClient.Response records(int customer, List<ObjectNode> records) {
        return answered(200, admin.get().post("/customers/" + customer + "/storageRecords", object("records", array(records))));
    }

    /** A webhook of the customer: {@code url} gets {@code events}. Answers the 201, the only one with its secret. */
    public LedgerClient.Response webhook(int customer, String url, List<String> events) {
        return created(admin.get().post("/customers/" + customer + "/webhooks", object("url", url, "events", events)));
    }

    private static String spacePath(int customer, int space) {
        return "/customers/" + customer + "/spaces/" + space;
    }

    private static String packsPath(int customer, String user) {
        return "/customers/" + customer + "/users/" + user + "/storagePacks";
    }

    private static LedgerClient.Response created(LedgerClient.Response response) {
        return answered(201, response);
    }

    private static LedgerClient.Response answered(int status, LedgerClient.Response response) {
        assertThat(response.status()).as("%s %s answered %s", response.raw().request().method(), response.raw().request().uri(),
                response.body()).isEqualTo(status);
        return response;
    }
}
