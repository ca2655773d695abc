package dev.storageledger.customer;

import dev.storageledger.database.TransactionTime;
import dev.storageledger.ledger.count.Usage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Customers and spaces as resources. Their storage totals are written only by the ledger (ledger.postgres.ChangesRepository). */
@Repository
public class CustomerRepository {

    private final JdbcClient jdbc;
    private final TransactionTime time;

    CustomerRepository(JdbcClient jdbc, TransactionTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    private static final String CUSTOMER_COLUMNS = "id, name, storage_policy, display_name, created_at AS created";
    private static final String SPACE_COLUMNS = "customer, id, name, storage_policy, created_at AS created";

    /** Creates or replaces a customer (its name, policy and display name); answers true when it was created. */
    public boolean save(Customer customer) {
        return jdbc.sql("""
                        INSERT INTO customer (id, name, storage_policy, display_name, created_at, last_calculated, integrated_since,
                                              integrated_at)
                        VALUES (:id, :name, :policy, CAST(:displayName AS text), CAST(:now AS timestamptz), CAST(:now AS timestamptz),
                                CAST(:now AS timestamptz), CAST(:now AS timestamptz))
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, storage_policy = excluded.storage_policy,
                                                       display_name = excluded.display_name
                        RETURNING (xmax = 0) AS created
                        """)
                .param("id", customer.id())
                .param("name", customer.name())
                .param("displayName", customer.displayName())
                .param("policy", customer.storagePolicy())
                .param("now", time.parameter())
                .query(Boolean.class)
                .single();
    }

    public Optional<Customer> find(int id) {
        return jdbc.sql("SELECT " + CUSTOMER_COLUMNS + " FROM customer WHERE id = :id")
                .param("id", id)
                .query(Customer.class)
                .optional();
    }

    /** Creates or renames a space and sets its own policy; answers true when it was created. */
    public boolean save(Space space) {
        return jdbc.sql("""
                        INSERT INTO space (customer, id, name, storage_policy, created_at, last_calculated, integrated_since, integrated_at)
                        VALUES (:customer, :id, :name, :policy, CAST(:now AS timestamptz), CAST(:now AS timestamptz),
                                CAST(:now AS timestamptz), CAST(:now AS timestamptz))
                        ON CONFLICT (customer, id) DO UPDATE SET name = excluded.name, storage_policy = excluded.storage_policy
                        RETURNING (xmax = 0) AS created
                        """)
                .param("customer", space.customer())
                .param("id", space.id())
                .param("name", space.name())
                .param("policy", space.storagePolicy())
                .param("now", time.parameter())
                .query(Boolean.class)
                .single();
    }

    public Optional<Space> findSpace(int customer, int id) {
        return jdbc.sql("SELECT " + SPACE_COLUMNS + " FROM space WHERE customer = :customer AND id = :id")
                .param("customer", customer)
                .param("id", id)
                .query(Space.class)
                .optional();
    }

    /** A space with its stored totals. */
    public record SpaceTotals(Space space, Usage usage, Instant lastCalculated) {
    }

    /** A page of a customer's spaces, by id, with their totals. */
    public List<SpaceTotals> spaces(int customer, long offset, int limit) {
        return jdbc.sql("""
                        SELECT customer, id, name, storage_policy, created_at, number_of_stored_images,
                               total_size_of_stored_images, total_size_of_thumbnails, last_calculated
                        FROM space WHERE customer = :customer ORDER BY id LIMIT :limit OFFSET :offset
                        """)
                .param("customer", customer)
                .param("limit", limit)
                .param("offset", offset)
                .query((row, number) -> new SpaceTotals(
                        new Space(row.getInt("customer"), row.getInt("id"), row.getString("name"), row.getString("storage_policy"),
                                instant(row, "created_at")),
                        new Usage(row.getLong("number_of_stored_images"), row.getLong("total_size_of_stored_images"),
                                row.getLong("total_size_of_thumbnails")),
                        instant(row, "last_calculated")))
                .list();
    }

    public long countSpaces(int customer) {
        return jdbc.sql("SELECT count(*) FROM space WHERE customer = :customer")
                .param("customer", customer)
                .query(Long.class)
                .single();
    }

    /**
     * Changes only the fields named, in one statement (two patches of different fields both stay); answers the
     * customer as it now is, or empty when there is none.
     */
    public Optional<Customer> patch(int id, Change<String> name, Change<String> displayName, Change<String> policy) {
        return jdbc.sql("""
                        UPDATE customer
                        SET name = CASE WHEN :setName THEN CAST(:name AS text) ELSE name END,
                            display_name = CASE WHEN :setDisplayName THEN CAST(:displayName AS text) ELSE display_name END,
                            storage_policy = CASE WHEN :setPolicy THEN CAST(:policy AS text) ELSE storage_policy END
                        WHERE id = :id
                        RETURNING\s""" + CUSTOMER_COLUMNS)
                .param("id", id)
                .param("setName", Change.named(name))
                .param("name", Change.value(name))
                .param("setDisplayName", Change.named(displayName))
                .param("displayName", Change.value(displayName))
                .param("setPolicy", Change.named(policy))
                .param("policy", Change.value(policy))
                .query(Customer.class)
                .optional();
    }

    /** As {@link #patch(int, Change, Change, Change)}, for a space; a null policy removes the space's own. */
    public Optional<Space> patchSpace(int customer, int id, Change<String> name, Change<String> policy) {
        return jdbc.sql("""
                        UPDATE space
                        SET name = CASE WHEN :setName THEN CAST(:name AS text) ELSE name END,
                            storage_policy = CASE WHEN :setPolicy THEN CAST(:policy AS text) ELSE storage_policy END
                        WHERE customer = :customer AND id = :id
                        RETURNING\s""" + SPACE_COLUMNS)
                .param("customer", customer)
                .param("id", id)
                .param("setName", Change.named(name))
                .param("name", Change.value(name))
                .param("setPolicy", Change.named(policy))
                .param("policy", Change.value(policy))
                .query(Space.class)
                .optional();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * Deletes a space that holds no assets. Its count is exact and its row is locked by the delete, so a
     * concurrent first asset either commits before (and the delete finds a count of 1) or waits after.
     */
    public SpaceDeletion deleteSpace(int customer, int id) {
        int deleted = jdbc.sql("DELETE FROM space WHERE customer = :customer AND id = :id AND number_of_stored_images = 0")
                .param("customer", customer)
                .param("id", id)
                .update();
        if (deleted == 1) {
            return SpaceDeletion.DELETED;
        }
        return findSpace(customer, id).isPresent() ? SpaceDeletion.NOT_EMPTY : SpaceDeletion.NOT_FOUND;
    }

    public enum SpaceDeletion { DELETED, NOT_EMPTY, NOT_FOUND }
}
