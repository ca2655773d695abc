package dev.storageledger.database;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The time of the transaction this thread runs, for the statements that take their "now" as {@code :now}: read from
 * the clock once, at the transaction's first ask (its first statement that needs it), and the same for the rest of
 * it, so that all its rows agree, as PostgreSQL's now() did. Outside a transaction, the clock's now.
 */
@Component
public class TransactionTime {

    private final Clock clock;

    public TransactionTime(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return read();
        }
        Instant bound = (Instant) TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return bound;
        }
        Instant now = read();
        TransactionSynchronizationManager.bindResource(this, now);
        TransactionSynchronizationManager.registerSynchronization(new Binding(now));
        return now;
    }

    /** {@link #now} as the statements' {@code :now}: ISO 8601 text, cast in SQL with {@code CAST(:now AS timestamptz)}. */
    public String parameter() {
        return now().toString();
    }

    private Instant read() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Keeps the instant bound to its own transaction only: set aside while an inner one runs, gone at its end. */
    private final class Binding implements TransactionSynchronization {
        private final Instant now;

        Binding(Instant now) {
            this.now = now;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(TransactionTime.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(TransactionTime.this, now);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(TransactionTime.this);
        }
    }
}
