package dev.storageledger.ledger.store;

import dev.storageledger.NotFoundException;
import dev.storageledger.UnavailableException;
import dev.storageledger.customer.CustomerService;
import dev.storageledger.ledger.Admission;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.BatchPlan;
import dev.storageledger.ledger.BatchSummary;
import dev.storageledger.ledger.LimitExceededException;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.StorageRecord;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.TotalOverflowException;
import dev.storageledger.ledger.UsageChange;
import dev.storageledger.measure.LedgerMetrics;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write side of the ledger. Each write is one transaction that locks, in a fixed order, the asset rows it
 * names, then the totals of each space it changes, then its customer's totals, and checks every limit
 * against the locked totals with the write applied. A refusal rolls the whole transaction back. Because the
 * totals rows are locked until commit, writers of one scope are serialised by PostgreSQL itself, across any
 * number of threads and service instances, and no limit can be passed or update lost.
 */
@Service
public class StorageRecorder {

    /** A write that loses a race (a deadlock, or an asset created under it) is simply run again. */
    private static final int MAX_ATTEMPTS = 25;

    /** From this many records, a batch of only new records is first tried as one plain INSERT. */
    static final int FRESH_BATCH_MINIMUM = 64;

    private final LedgerRepository ledger;
    private final TransactionTemplate transactions;
    private final LedgerMetrics metrics;

    StorageRecorder(LedgerRepository ledger, PlatformTransactionManager transactionManager, LedgerMetrics metrics) {
        this.ledger = ledger;
        this.transactions = new TransactionTemplate(transactionManager);
        this.metrics = metrics;
    }

    /** The outcome of recording one asset: whether it was new, and the asset as now stored. */
    public record Recorded(boolean created, StoredAsset asset) {
    }

    /** Records one asset's current storage. */
    public Recorded record(int customer, StorageRecord record) {
        return write("record", customer, List.of(record), plan -> new Recorded(plan.summary().created() == 1,
                ledger.asset(customer, record.ref()).orElseThrow()));
    }

    /** Deletes one asset; 404 when it is not stored. */
    public void delete(int customer, AssetRef ref) {
        write("delete", customer, List.of(StorageRecord.deleted(ref)), plan -> {
            if (plan.summary().deleted() == 0) {
                throw new NotFoundException("There is no asset '" + ref.asset() + "' in space " + ref.space()
                        + " of customer " + customer);
            }
            return plan;
        });
    }

    /** Applies a batch all together or not at all. The records must name distinct assets. */
    public BatchSummary apply(int customer, List<StorageRecord> records) {
        return write("batch", customer, records, BatchPlan::summary);
    }

    private <T> T write(String operation, int customer, List<StorageRecord> records, Function<BatchPlan, T> answer) {
        try {
            T result = retrying(() -> transactions.execute(status -> {
                try {
                    BatchPlan plan = writeAssets(customer, records, status);
                    T answered = answer.apply(plan);
                    addTotals(customer, records, plan);
                    return answered;
                } catch (DataIntegrityViolationException e) {
                    throw isNumericOverflow(e) ? new TotalOverflowException() : e;
                }
            }));
            metrics.accepted(operation);
            return result;
        } catch (LimitExceededException e) {
            metrics.refused(operation, e.refusal());
            throw e;
        } catch (TotalOverflowException e) {
            metrics.refusedForOverflow(operation);
            throw e;
        }
    }

    private static <T> T retrying(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (ConcurrentCreationException | TransientDataAccessException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new UnavailableException("The write lost " + MAX_ATTEMPTS
                            + " races with concurrent writes to the same assets; retry it");
                }
            }
        }
    }

    /**
     * Writes the asset rows and answers what they change. A large batch of new records (the common bulk ingest)
     * is first tried as one plain INSERT, which fails at once if any asset is stored already; then, and for
     * every other write, the stored assets are locked and read so that each record's change is known.
     */
    private BatchPlan writeAssets(int customer, List<StorageRecord> records, TransactionStatus status) {
        if (records.size() >= FRESH_BATCH_MINIMUM && records.stream().noneMatch(StorageRecord::isDeletion)) {
            Object savepoint = status.createSavepoint();
            try {
                ledger.insertNewAssets(customer, records);
                status.releaseSavepoint(savepoint);
                return BatchPlan.of(records, Map.of());
            } catch (DuplicateKeyException someAreStored) {
                status.rollbackToSavepoint(savepoint);
            }
        }
        Map<AssetRef, StoredAsset> stored = ledger.lockAssets(customer, records.stream().map(StorageRecord::ref).toList())
                .stream().collect(Collectors.toMap(StoredAsset::ref, Function.identity()));
        BatchPlan plan = BatchPlan.of(records, stored);
        if (ledger.insertAssets(customer, plan.inserts()) != plan.inserts().size()) {
            throw new ConcurrentCreationException();
        }
        ledger.updateAssets(customer, plan.updates());
        ledger.deleteAssets(customer, plan.deletes());
        return plan;
    }

    /**
     * Adds the plan's changes to the totals of each space (in ascending order) and then of the customer, checking
     * each limit against the locked totals. A space that does not exist has no totals row: the write is refused
     * (and rolled back) with 404.
     */
    private void addTotals(int customer, List<StorageRecord> records, BatchPlan plan) {
        for (Map.Entry<Integer, UsageChange> entry : plan.spaceChanges().entrySet()) {
            int space = entry.getKey();
            UsageChange change = entry.getValue();
            if (change.isNone()) {
                continue;
            }
            LedgerRepository.Totals totals = ledger.addToSpace(customer, space, change)
                    .orElseThrow(() -> unknownSpace(customer, space, records));
            if (totals.limit() != null) {
                admit(Admission.decide(new Scope.Space(customer, space), totals.usage(), change, totals.limit()));
            }
        }
        UsageChange change = plan.customerChange();
        if (!change.isNone()) {
            LedgerRepository.Totals totals = ledger.addToCustomer(customer, change)
                    .orElseThrow(() -> CustomerService.customerNotFound(customer));
            admit(Admission.decide(new Scope.Customer(customer), totals.usage(), change, totals.limit()));
        }
    }

    private static void admit(Admission admission) {
        switch (admission) {
            case Admission.Admitted admitted -> { }
            case Admission.LimitExceeded refusal -> throw new LimitExceededException(refusal);
        }
    }

    /** 404 naming the customer when it does not exist, or else the first record that names the space. */
    private NotFoundException unknownSpace(int customer, int space, List<StorageRecord> records) {
        if (ledger.customerStorage(customer).isEmpty()) {
            return CustomerService.customerNotFound(customer);
        }
        if (records.size() == 1) {
            return CustomerService.spaceNotFound(customer, space);
        }
        int index = 0;
        while (records.get(index).ref().space() != space) {
            index++;
        }
        return new NotFoundException("records[" + index + "].space: there is no space " + space + " of customer " + customer);
    }

    private static boolean isNumericOverflow(DataIntegrityViolationException e) {
        return e.getMostSpecificCause() instanceof SQLException sql && "22003".equals(sql.getSQLState());
    }

    /** A concurrent writer created an asset that this transaction saw as new; running it again sees it. */
    private static final class ConcurrentCreationException extends RuntimeException {
        ConcurrentCreationException() {
            super(null, null, false, false);
        }
    }
}
