package dev.storageledger.audit;

import dev.storageledger.customer.CustomerService;
import dev.storageledger.ledger.Scope;
import dev.storageledger.measure.LedgerMetrics;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Recalculation (issue 6): recomputes every total of a scope (one space, one customer, or every customer) from the
 * asset records, reports each drift with its scope and size, logs and counts it, and repairs it. Totals are exact by
 * construction, so a recalculation proves it rather than repairs it; any drift it finds is a bug or a change made
 * behind the ledger's back. It goes one customer at a time, each in a short transaction: the records are summed
 * without any lock, and writers wait only for the few statements that repair and stamp lastCalculated.
 */
@Service
public class Recalculator {

    static final String KIND = "recalculation";
    private static final Logger log = LoggerFactory.getLogger(Recalculator.class);

    private final RecalculationRepository recalculations;
    private final Jobs jobs;
    private final CustomerService customers;
    private final TransactionTemplate transactions;
    private final LedgerMetrics metrics;
    private final JsonMapper json = JsonMapper.builder().build();

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
        String id = KIND + "-" + LocalDate.now(ZoneOffset.UTC);
        jobs.startOnce(id, KIND, null, null, progress -> run(null, null, progress));
    }

    private String run(Integer customer, Integer space, Jobs.Progress progress) {
        progress.total(recalculations.storedRecords(customer, space));
        List<Integer> ids = customer == null ? recalculations.customers() : List.of(customer);
        List<Map<String, Object>> drift = new ArrayList<>();
        long scopes = 0;
        for (int id : ids) {
            List<RecalculationRepository.Checked> checked = transactions.execute(status -> {
                recalculations.lockCustomer(id);
                List<RecalculationRepository.Checked> found = recalculations.check(id, space);
                recalculations.repairAndStamp(id, space, found.stream().filter(RecalculationRepository.Checked::drifted).toList());
                return found;
            });
            for (RecalculationRepository.Checked scope : checked) {
                if (scope.drifted()) {
                    drift.add(report(id, scope));
                }
                if (!scope.kind().equals("owner")) {
                    progress.add(scope.kind().equals("space") && space == null ? 0 : scope.records());
                }
            }
            scopes += checked.size();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scopesChecked", scopes);
        result.put("drift", drift);
        return json.writeValueAsString(result);
    }

    private Map<String, Object> report(int customer, RecalculationRepository.Checked drifted) {
        Scope scope = switch (drifted.kind()) {
            case "space" -> new Scope.Space(customer, drifted.space());
            case "owner" -> new Scope.Owner(customer, drifted.owner());
            default -> new Scope.Customer(customer);
        };
        log.warn("Recalculation found and repaired a drift in {}: {} images, {} bytes, {} thumbnail bytes more than its records",
                scope, drifted.images(), drifted.size(), drifted.thumbnails());
        metrics.drift(drifted.kind());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scope", scope.toString());
        report.put("numberOfStoredImages", drifted.images());
        report.put("totalSizeOfStoredImages", drifted.size());
        report.put("totalSizeOfThumbnails", drifted.thumbnails());
        return report;
    }
}
