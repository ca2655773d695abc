package dev.storageledger.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service knows of its database now, kept fresh by others and read without waiting by the health
 * indicators and by the pool's gate: whether the start-up work is done ({@link DatabaseStartup}), whether the
 * database answers ({@link DatabaseProbe}, twice a second), and whether the last write failed for lack of room or
 * resources (the writers, until a write commits again).
 */
public final class DatabaseStatus {

    private static final Logger log = LoggerFactory.getLogger(DatabaseStatus.class);

    /** A failure, and since when it has been seen. */
    public record Observed(DatabaseFailure failure, Instant since) {
    }

    private volatile boolean migrated;
    private volatile boolean started;
    /** The probe's last failure; empty while the database answers (or before the first probe). */
    private volatile Optional<Observed> unreachable = Optional.empty();
    /** The last write's failure for lack of room or resources; empty once a write commits. */
    private volatile Optional<Observed> writesFailing = Optional.empty();

    /** Whether the start-up work is done: the schema migrated, and what the service keeps in its database written. */
    public boolean started() {
        return started;
    }

    public Optional<Observed> unreachable() {
        return unreachable;
    }

    public Optional<Observed> writesFailing() {
        return writesFailing;
    }

    /** The schema is migrated: connections may be handed out. */
    void migrated() {
        migrated = true;
    }

    /** The start-up work is done: the service is ready while the database answers. */
    void startedUp() {
        started = true;
    }

    /** The probe's answer: the database answered. */
    void answered() {
        Optional<Observed> was = unreachable;
        if (was.isPresent()) {
            unreachable = Optional.empty();
            log.info("The ledger's database answers again, after {} ({})", was.get().failure().kind(), was.get().failure().cause());
        }
    }

    /** The probe's answer: the database did not answer, for this reason. Answers whether it answered until now. */
    boolean didNotAnswer(DatabaseFailure failure) {
        Optional<Observed> was = unreachable;
        if (was.isEmpty() || was.get().failure().kind() != failure.kind()) {
            unreachable = Optional.of(new Observed(failure, Instant.now()));
            log.warn("The ledger's database does not answer: {} ({})", failure.kind(), failure.cause());
        }
        return was.isEmpty();
    }

    /** A write failed for this reason; when it is a lack of room or resources, it shows in health until a write commits. */
    public void writeFailed(DatabaseFailure failure) {
        if (failure.kind() == DatabaseFailure.Kind.DISK_FULL || failure.kind() == DatabaseFailure.Kind.OUT_OF_RESOURCES) {
            Optional<Observed> was = writesFailing;
            if (was.isEmpty() || was.get().failure().kind() != failure.kind()) {
                writesFailing = Optional.of(new Observed(failure, Instant.now()));
                log.warn("Writes fail: {} ({})", failure.description(), failure.cause());
            }
        }
    }

    /** A write committed: whatever kept writes from being stored is over. */
    public void writeCommitted() {
        if (writesFailing.isPresent()) {
            writesFailing = Optional.empty();
            log.info("Writes are stored again");
        }
    }

    /**
     * Fails at once, without waiting for the pool, while no connection can be of use: before the schema is migrated,
     * and while the probe finds the database unreachable.
     */
    void checkUsable() throws SQLException {
        if (!migrated) {
            throw new DatabaseNotReadyException();
        }
        Optional<Observed> down = unreachable;
        if (down.isPresent() && down.get().failure().kind() == DatabaseFailure.Kind.UNREACHABLE) {
            throw new SQLTransientConnectionException("the ledger's database has not answered since " + down.get().since() + " ("
                    + down.get().failure().cause() + ")", "08001");
        }
    }
}
