package dev.storageledger.audit;

import dev.storageledger.customer.CustomerService;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.count.UsageChange;
import dev.storageledger.measure.LedgerMetrics;
import dev.storageledger.webhook.EventType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recalculation: recomputes every total of a scope (one space, one customer, or every customer) from the
 * asset records, reports each drift with its scope and size, logs and counts it, and repairs it. Totals are exact by
 * construction, so a recalculation proves it rather than repairs it; any drift it finds is a bug or a change made
 * behind the ledger's back. It goes through whole customers in steps of at least 250,000 records (a tenth of a
 * large run), each in a short transaction: the records are summed without any lock, and writers wait only for the few statements that repair
 * and stamp lastCalculated.
 */
@Service
public class Recalculator {

    static final Job.Kind KIND = Job.Kind.RECALCULATION;
    /** At least how many records' customers one step of repairs and stamps covers (a large run: a tenth of it). */
    static final long STEP_RECORDS = 250_000;
    private static final Logger log = LoggerFactory.getLogger(Recalculator.class);

    private final RecalculationRepository recalculations;
    private final Jobs jobs;
    private final CustomerService customers;
    private final TransactionTemplate transactions;
    private final LedgerMetrics metrics;

    Recalculator(RecalculationRepository recalculations, Jobs jobs, CustomerService customers, PlatformTransactionManager transactionManager,
            LedgerMetrics metrics) {
        this.recalculations = recalculations;
        this.jobs = jobs;
        this.customers = customers;
        this.transactions = new TransactionTemplate(transactionManager);
        this.metrics = metrics;
    }

    /** Starts recalculating a customer (or one of its spaces, or every customer when {@code customer} is null). */
    public Job start(Integer customer, Integer space) {
        if (customer != null) {
            customers.get(customer);
            if (space != null) {
                customers.getSpace(customer, space);
            }
        }
        return jobs.start(UUID.randomUUID().toString(), KIND, customer, space, progress -> run(customer, space, progress));
    }

    /** Every night (LEDGER_RECALCULATION_CRON): one instance, whichever makes the night's job first, checks everything. */
    @Scheduled(cron = "${ledger.recalculation.cron}", zone = "UTC")
    void nightly() {
        String id = KIND.id() + "-" + LocalDate.now(ZoneOffset.UTC);
        jobs.startOnce(id, KIND, null, null, progress -> run(null, null, progress));
    }

    /**
     * Detects every drift of the scope in one statement (no lock), then repairs and stamps lastCalculated in steps of
     * whole customers of at least {@link #STEP_RECORDS} records (a tenth of a large run), each a short transaction
     * that also records the job's progress (one commit a step). The advisory lock keeps any other recalculation out from detection to the last
     * repair, so no drift is subtracted twice.
     */
    private RecalculationResult run(Integer customer, Integer space, Jobs.Progress progress) {
        try (RecalculationRepository.Lock lock = recalculations.lock()) {
            List<RecalculationRepository.Stored> stored = space == null ? recalculations.customers(customer)
                    : List.of(new RecalculationRepository.Stored(customer, recalculations.storedRecords(customer, space)));
            long total = stored.stream().mapToLong(RecalculationRepository.Stored::records).sum();
            progress.total(total);
            RecalculationRepository.Detection detection = recalculations.detect(customer, space);
            long step = Math.max(STEP_RECORDS, total / 10);
            int first = 0;
            while (first < stored.size()) {
                int last = first;
                long records = stored.get(first).records();
                while (last + 1 < stored.size() && records + stored.get(last + 1).records() <= step) {
                    records += stored.get(++last).records();
                }
                int from = stored.get(first).customer();
                int to = stored.get(last).customer();
                List<RecalculationRepository.Checked> drifts = detection.drifted().stream()
                        .filter(drift -> drift.scope().customer() >= from && drift.scope().customer() <= to).toList();
                long stepRecords = records;
                transactions.executeWithoutResult(status -> {
                    recalculations.repairAndStamp(from, to, space, drifts);
                    progress.addWithin(stepRecords);
                });
                first = last + 1;
            }
            return new RecalculationResult(detection.scopes(), detection.drifted().stream().map(drifted -> report(drifted, progress)).toList());
        }
    }

    private RecalculationResult.Drift report(RecalculationRepository.Checked drifted, Jobs.Progress progress) {
        UsageChange drift = drifted.drift();
        Map<String, Object> data = new LinkedHashMap<>();
        switch (drifted.scope()) {
            case Scope.Space space -> data.put("space", space.space());
            case Scope.Owner owner -> data.put("user", owner.user());
            case Scope.Customer customer -> {
                // the customer's own totals: "customer" alone
            }
        }
        data.put("scope", drifted.scope().toString());
        data.put("numberOfStoredImages", drift.images());
        data.put("totalSizeOfStoredImages", drift.size());
        data.put("totalSizeOfThumbnails", drift.thumbnails());
        data.put("repaired", true);
        progress.announce(EventType.DRIFT_FOUND, drifted.scope().customer(), data);
        log.warn("Recalculation found and repaired a drift in {}: {} images, {} bytes, {} thumbnail bytes more than its records",
                drifted.scope(), drift.images(), drift.size(), drift.thumbnails());
        metrics.drift(drifted.scope());
        return new RecalculationResult.Drift(drifted.scope().toString(), drift.images(), drift.size(), drift.thumbnails());
    }
}
