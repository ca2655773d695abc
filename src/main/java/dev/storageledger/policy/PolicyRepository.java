package dev.storageledger.policy;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PolicyRepository {

    private static final String COLUMNS = "id, maximum_number_of_stored_images, maximum_total_size_of_stored_images";

    private final JdbcClient jdbc;

    PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates or replaces a policy; answers true when it was created. */
    public boolean save(StoragePolicy policy) {
        return jdbc.sql("""
                        INSERT INTO storage_policy (id, maximum_number_of_stored_images, maximum_total_size_of_stored_images)
                        VALUES (:id, :images, :size)
                        ON CONFLICT (id) DO UPDATE
                        SET maximum_number_of_stored_images = excluded.maximum_number_of_stored_images,
                            maximum_total_size_of_stored_images = excluded.maximum_total_size_of_stored_images
                        RETURNING (xmax = 0) AS created
                        """)
                .param("id", policy.id())
                .param("images", policy.maximumNumberOfStoredImages())
                .param("size", policy.maximumTotalSizeOfStoredImages())
                .query(Boolean.class)
                .single();
    }

    public Optional<StoragePolicy> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM storage_policy WHERE id = :id")
                .param("id", id)
                .query(StoragePolicy.class)
                .optional();
    }

    public List<StoragePolicy> page(int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM storage_policy ORDER BY id LIMIT :limit OFFSET :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query(StoragePolicy.class)
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM storage_policy").query(Long.class).single();
    }

    public boolean isInUse(String id) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM customer WHERE storage_policy = :id)
                            OR EXISTS (SELECT 1 FROM space WHERE storage_policy = :id)
                        """)
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /** Answers false when there was no such policy. */
    public boolean delete(String id) {
        return jdbc.sql("DELETE FROM storage_policy WHERE id = :id").param("id", id).update() == 1;
    }
}
