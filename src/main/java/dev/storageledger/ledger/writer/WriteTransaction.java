package dev.storageledger.ledger.writer;

import dev.storageledger.LedgerProperties;
import dev.storageledger.database.DatabaseFailure;
import dev.storageledger.database.DatabaseStatus;
import dev.storageledger.ledger.postgres.LockTimeoutRepository;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

/**
 * The transaction step of every write: a transaction whose waits on row locks are bounded by LEDGER_LOCK_TIMEOUT, run
 * again when it loses a race (a serialisation failure, a deadlock), and told apart when it fails: before its commit was
 * sent, PostgreSQL rolled it back (a lost connection included), so nothing was applied, and the failure of the database
 * says why (cannot be reached, no room left on its disk, a lock held too long, ...); when the commit itself failed (the
 * connection broke while or after COMMIT was sent), it may have been committed: uncertain, unless the database answered
 * that it rolled back.
 */
@Component
class WriteTransaction implements GroupingWriter.Groups {

    private static final Logger log = LoggerFactory.getLogger(WriteTransaction.class);
    /** A transaction that loses a race is simply run again, up to this many times. */
    private static final int MAX_ATTEMPTS = 25;
    private static final String COMMIT_FAILED = "The connection to the ledger's database failed while the write was being committed";
    /** SQLState 55P03, lock_not_available: a row lock waited for longer than lock_timeout. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final PlatformTransactionManager transactions;
    private final LockTimeoutRepository lockTimeout;
    private final GroupRun groups;
    private final WriteMetrics metrics;
    private final DatabaseStatus database;
    private final Duration lockWait;

    WriteTransaction(PlatformTransactionManager transactions, LockTimeoutRepository lockTimeout, GroupRun groups, WriteMetrics metrics,
            DatabaseStatus database, LedgerProperties.Writes settings) {
        this.transactions = transactions;
        this.lockTimeout = lockTimeout;
        this.groups = groups;
        this.metrics = metrics;
        this.database = database;
        this.lockWait = settings.lockTimeout();
    }

    /** How one run of a transaction ended. */
    private sealed interface Attempt<T> {

        /** Committed: {@code value} is what its body answered. */
        record Committed<T>(T value) implements Attempt<T> {
        }

        /** Rolled back, so nothing was applied, for {@code reason}. */
        record NotApplied<T>(String reason) implements Attempt<T> {
        }

        /** The commit failed: {@code decided} may have been applied, or not. */
        record Uncertain<T>(T decided) implements Attempt<T> {
        }
    }

    @Override
    public List<WriteOutcome> apply(List<Write> writes) {
        for (int attempt = 1; ; attempt++) {
            Attempt<List<WriteOutcome>> ended;
            try {
                ended = once(status -> groups.apply(writes, status));
            } catch (TransientDataAccessException raceLost) {
                if (attempt == MAX_ATTEMPTS) {
                    return writes.stream().<WriteOutcome>map(write -> new WriteOutcome.Unavailable(
                            "The write lost " + MAX_ATTEMPTS + " races with concurrent writes; nothing was applied; retry it")).toList();
                }
                continue;
            }
            return switch (ended) {
                case Attempt.Committed<List<WriteOutcome>> committed -> {
                    metrics.groupApplied(writes.size());
                    yield committed.value();
                }
                case Attempt.NotApplied<List<WriteOutcome>> notApplied ->
                        writes.stream().<WriteOutcome>map(write -> new WriteOutcome.Unavailable(notApplied.reason())).toList();
                case Attempt.Uncertain<List<WriteOutcome>> uncertain -> uncertain.decided().stream().map(WriteTransaction::uncertain).toList();
            };
        }
    }

    @Override
    public <T> T inTransaction(LedgerWriter.Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            Attempt<T> ended;
            try {
                ended = once(status -> work.run((spaces, customers, group) -> groups.apply(spaces, customers, group)));
            } catch (TransientDataAccessException raceLost) {
                if (attempt == MAX_ATTEMPTS) {
                    throw raceLost;
                }
                continue;
            }
            return switch (ended) {
                case Attempt.Committed<T> committed -> committed.value();
                case Attempt.NotApplied<T> notApplied -> throw new LedgerWriter.NotCommitted(notApplied.reason());
                case Attempt.Uncertain<T> uncertain -> throw new LedgerWriter.NotCommitted(COMMIT_FAILED);
            };
        }
    }

    /**
     * {@code body} in one transaction. Before the commit is sent, a failure leaves nothing applied; after, only the
     * database's answer that it rolled back does. A race lost is thrown, to be run again; so is any failure that is
     * not the database's (a failure of one write, for its group to be split).
     */
    private <T> Attempt<T> once(Function<TransactionStatus, T> body) {
        TransactionStatus transaction;
        try {
            transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
        } catch (RuntimeException e) {
            return notApplied(e);
        }
        T decided;
        try {
            lockTimeout.limitLockWaits(lockWait);
            decided = body.apply(transaction);
        } catch (RuntimeException e) {
            rollBack(transaction);
            return notApplied(e);
        } catch (Error e) {
            rollBack(transaction);
            throw e;
        }
        try {
            transactions.commit(transaction);
        } catch (RuntimeException e) {
            if (rolledBack(e)) {
                return notApplied(e);
            }
            log.warn("The commit of a write transaction failed, so whether it was applied is unknown: {}", e.toString());
            return new Attempt.Uncertain<>(decided);
        }
        database.writeCommitted();
        return new Attempt.Committed<>(decided);
    }

    /**
     * A transaction that was not applied: a lock held too long or a failure of the database answers with why; a race
     * lost is thrown to be run again, and any other failure to be split.
     */
    private <T> Attempt<T> notApplied(RuntimeException e) {
        if (hasState(e, LOCK_NOT_AVAILABLE)) {
            // Not run again: the lock's holder is slow, and waiting for it again would hold the writer as long.
            log.debug("A write transaction waited longer than {} for a lock: {}", lockWait, e.toString());
            return new Attempt.NotApplied<>("The ledger's database did not grant a lock within " + lockWait.toMillis()
                    + " ms (another transaction held it); nothing was applied");
        }
        Optional<DatabaseFailure> found = DatabaseFailure.of(e);
        if (found.isEmpty()) {
            throw e;
        }
        DatabaseFailure failure = found.get(); // a statement timed out is no race: running it again would wait as long
        database.writeFailed(failure);
        log.debug("A write transaction was not applied: {}", failure.cause());
        return new Attempt.NotApplied<>(failure.description() + "; nothing was applied");
    }

    private void rollBack(TransactionStatus transaction) {
        try {
            transactions.rollback(transaction);
        } catch (RuntimeException e) {
            // The connection is broken: the database rolls the transaction back as it drops the session.
            log.debug("The rollback of a failed write transaction failed too", e);
        }
    }

    /** Whether a failed commit is known to have rolled back: the database said so (transaction rollback, or a constraint checked at commit). */
    private static boolean rolledBack(RuntimeException commitFailure) {
        return hasState(commitFailure, "40") || hasState(commitFailure, "23");
    }

    /** Whether an SQLException under {@code failure} has an SQLState starting with {@code state}. */
    private static boolean hasState(Throwable failure, String state) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(state)) {
                return true;
            }
        }
        return false;
    }

    /** What a write that was to be applied became when its commit failed: uncertain; a refusal stays a refusal. */
    private static WriteOutcome uncertain(WriteOutcome decided) {
        return switch (decided) {
            case WriteOutcome.Applied applied -> new WriteOutcome.Uncertain(COMMIT_FAILED);
            case WriteOutcome.Reserved reserved -> new WriteOutcome.Uncertain(COMMIT_FAILED);
            case WriteOutcome.Refused refused -> refused;
            case WriteOutcome.Overflowed overflowed -> overflowed;
            case WriteOutcome.UnknownCustomer unknown -> unknown;
            case WriteOutcome.UnknownSpace unknown -> unknown;
            case WriteOutcome.UnknownOwner unknown -> unknown;
            case WriteOutcome.Unavailable unavailable -> unavailable;
            case WriteOutcome.Uncertain uncertain -> uncertain;
        };
    }
}
