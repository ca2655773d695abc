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
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
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
            T result = retrying(() -> transactions.execute(status -> answer.apply(applyInTransaction(customer, records))));
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

    private BatchPlan applyInTransaction(int customer, List<StorageRecord> records) {
        requireSpaces(customer, records);
        Map<AssetRef, StoredAsset> stored = ledger.lockAssets(customer, records.stream().map(StorageRecord::ref).toList())
                .stream().collect(Collectors.toMap(StoredAsset::ref, Function.identity()));
        BatchPlan plan = BatchPlan.of(records, stored);
        try {
            if (ledger.insertAssets(customer, plan.inserts()) != plan.inserts().size()) {
                throw new ConcurrentCreationException();
            }
            ledger.updateAssets(customer, plan.updates());
            ledger.deleteAssets(customer, plan.deletes());
            for (Map.Entry<Integer, UsageChange> entry : plan.spaceChanges().entrySet()) {
                addToSpace(customer, entry.getKey(), entry.getValue());
            }
            addToCustomer(customer, plan.customerChange());
        } catch (DataIntegrityViolationException e) {
            throw translate(e, customer);
        }
        return plan;
    }

    private void addToSpace(int customer, int space, UsageChange change) {
        if (change.isNone()) {
            return;
        }
        LedgerRepository.Totals totals = ledger.addToSpace(customer, space, change)
                .orElseThrow(() -> CustomerService.spaceNotFound(customer, space));
        if (totals.limit() != null) {
            admit(Admission.decide(new Scope.Space(customer, space), totals.usage(), change, totals.limit()));
        }
    }

    private void addToCustomer(int customer, UsageChange change) {
        if (change.isNone()) {
            return;
        }
        LedgerRepository.Totals totals = ledger.addToCustomer(customer, change)
                .orElseThrow(() -> CustomerService.customerNotFound(customer));
        admit(Admission.decide(new Scope.Customer(customer), totals.usage(), change, totals.limit()));
    }

    private static void admit(Admission admission) {
        switch (admission) {
            case Admission.Admitted admitted -> { }
            case Admission.LimitExceeded refusal -> throw new LimitExceededException(refusal);
        }
    }

    /** Every space the records name must exist: 404 naming the first that does not. */
    private void requireSpaces(int customer, List<StorageRecord> records) {
        Set<Integer> named = records.stream().map(record -> record.ref().space()).collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> existing = ledger.existingSpaces(customer, named);
        if (existing.size() == named.size()) {
            return;
        }
        if (ledger.customerStorage(customer).isEmpty()) {
            throw CustomerService.customerNotFound(customer);
        }
        for (int index = 0; index < records.size(); index++) {
            int space = records.get(index).ref().space();
            if (!existing.contains(space)) {
                String where = records.size() == 1 ? "" : "records[" + index + "].space: ";
                throw new NotFoundException(where + "there is no space " + space + " of customer " + customer);
            }
        }
    }

    private static RuntimeException translate(DataIntegrityViolationException e, int customer) {
        String state = e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
        if ("22003".equals(state)) {
            return new TotalOverflowException();
        }
        if ("23503".equals(state)) {
            return new NotFoundException("A space of customer " + customer + " named by this write was deleted while it ran");
        }
        return e;
    }

    /** A concurrent writer created an asset that this transaction saw as new; running it again sees it. */
    private static final class ConcurrentCreationException extends RuntimeException {
        ConcurrentCreationException() {
            super(null, null, false, false);
        }
    }
}
