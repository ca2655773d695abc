package dev.storageledger.audit;

import dev.storageledger.database.TransactionTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Jobs' rows: their whole state, so that any instance can answer for any job; a result is kept as JSON. */
@Repository
public class JobRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTime time;

    JobRepository(JdbcClient jdbc, TransactionTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    /** A statement with its {@code :now} bound (the transaction's time; a statement without one ignores it). */
    private JdbcClient.StatementSpec statement(String sql) {
        return jdbc.sql(sql).param("now", time.parameter());
    }

    /** The advisory locks that keep two starts of a customer's jobs from both seeing room for one more. */
    private static final int JOBS_OF_CUSTOMER = 0x4A4F4253; // "JOBS"
    private static final int JOBS_OF_EVERY_CUSTOMER = 0x4A4F4241; // "JOBA"

    /**
     * Within a transaction: waits until no other transaction is starting a job of this customer (or of every customer,
     * when it is null), and keeps them waiting until this one ends, so that counting its jobs and adding one are a
     * single step. Nothing else waits.
     */
    void lockJobsOf(Integer customer) {
        statement("SELECT pg_advisory_xact_lock(:namespace, :customer)")
                .param("namespace", customer == null ? JOBS_OF_EVERY_CUSTOMER : JOBS_OF_CUSTOMER)
                .param("customer", customer == null ? 0 : customer)
                .query((row, number) -> true)
                .single();
    }

    /**
     * How many jobs of these kinds the customer (every customer, when it is null) has queued or running, made within
     * {@code alive}: a job older than that is taken to have died with its instance, whose row will never say so.
     */
    int unfinished(Integer customer, Set<Job.Kind> kinds, Duration alive) {
        return statement("""
                        SELECT count(*) FROM job
                        WHERE customer IS NOT DISTINCT FROM :customer AND kind IN (:kinds) AND state IN ('queued', 'running')
                          AND created_at > CAST(:now AS timestamptz) - make_interval(secs => :alive)
                        """)
                .param("customer", customer, Types.INTEGER)
                .param("kinds", kinds.stream().map(Job.Kind::id).toList())
                .param("alive", alive.toSeconds())
                .query(Integer.class)
                .single();
    }

    /** Creates a queued job; answers false when a job of this id exists (another instance made it first). */
    boolean insert(String id, Job.Kind kind, Integer customer, Integer space) {
        return statement("""
                        INSERT INTO job (id, kind, customer, space, state, created_at)
                        VALUES (:id, :kind, :customer, :space, 'queued', CAST(:now AS timestamptz))
                        ON CONFLICT (id) DO NOTHING
                        """)
                .param("id", id)
                .param("kind", kind.id())
                .param("customer", customer)
                .param("space", space)
                .update() == 1;
    }

    void start(String id, long total) {
        statement("UPDATE job SET state = 'running', started_at = CAST(:now AS timestamptz), progress_total = :total WHERE id = :id")
                .param("id", id)
                .param("total", total)
                .update();
    }

    void progress(String id, long done) {
        statement("UPDATE job SET progress_done = :done WHERE id = :id").param("id", id).param("done", done).update();
    }

    void finish(String id, long done, JobResult result) {
        statement("""
                        UPDATE job SET state = 'succeeded', progress_done = :done, finished_at = CAST(:now AS timestamptz),
                            result = CAST(:result AS json)
                        WHERE id = :id
                        """)
                .param("id", id)
                .param("done", done)
                .param("result", json(result))
                .update();
    }

    void fail(String id, String error) {
        statement("UPDATE job SET state = 'failed', finished_at = CAST(:now AS timestamptz), error = :error WHERE id = :id")
                .param("id", id)
                .param("error", error)
                .update();
    }

    public Optional<Job> find(String id) {
        return statement("""
                        SELECT id, kind, customer, space, state, progress_done, progress_total, started_at, finished_at,
                               result::text AS result, error
                        FROM job WHERE id = :id
                        """)
                .param("id", id)
                .query(JobRepository::job)
                .optional();
    }

    /** A page of a customer's jobs of these kinds, newest first (then by id, for a stable order). */
    List<Job> page(int customer, Set<Job.Kind> kinds, long offset, int limit) {
        return statement("""
                        SELECT id, kind, customer, space, state, progress_done, progress_total, started_at, finished_at,
                               result::text AS result, error
                        FROM job WHERE customer = :customer AND kind IN (:kinds)
                        ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset
                        """)
                .param("customer", customer)
                .param("kinds", kinds.stream().map(Job.Kind::id).toList())
                .param("limit", limit)
                .param("offset", offset)
                .query(JobRepository::job)
                .list();
    }

    long count(int customer, Set<Job.Kind> kinds) {
        return statement("SELECT count(*) FROM job WHERE customer = :customer AND kind IN (:kinds)")
                .param("customer", customer)
                .param("kinds", kinds.stream().map(Job.Kind::id).toList())
                .query(Long.class)
                .single();
    }

    private static Job job(ResultSet row, int number) throws SQLException {
        Job.Kind kind = Job.Kind.of(row.getString("kind"));
        String result = row.getString("result");
        return new Job(row.getString("id"), kind, row.getObject("customer", Integer.class),
                row.getObject("space", Integer.class), Job.State.valueOf(row.getString("state").toUpperCase(Locale.ROOT)),
                row.getLong("progress_done"), row.getObject("progress_total", Long.class), instant(row, "started_at"),
                instant(row, "finished_at"), result == null ? null : result(kind, result), row.getString("error"));
    }

    /** A result as its row keeps it: the JSON object of its fields. */
    static String json(JobResult result) {
        return JSON.writeValueAsString(result);
    }

    /** A result read back from its row, as the type its job's kind produces. */
    static JobResult result(Job.Kind kind, String json) {
        return JSON.readValue(json, kind.resultType());
    }

    private static java.time.Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
