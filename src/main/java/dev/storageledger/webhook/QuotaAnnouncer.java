package dev.storageledger.webhook;

import dev.storageledger.database.TransactionTime;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.write.Crossing;
import dev.storageledger.ledger.writer.CrossingAnnouncer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announces quota crossings (quota.nearing, quota.critical, quota.exceeded, quota.normal) in the write group's own
 * transaction, once per change of a limit's state: a crossing whose state is the one last announced for its limit
 * (the group only moved it back and forth, or something other than a write had changed it) announces nothing. A
 * group that is rolled back or refused announces nothing; one that commits has its events in the outbox, whatever
 * happens to the instance after the commit.
 */
@Component
class QuotaAnnouncer implements CrossingAnnouncer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookRepository repository;
    private final WebhookMetrics metrics;
    private final TransactionTime time;

    QuotaAnnouncer(WebhookRepository repository, WebhookMetrics metrics, TransactionTime time) {
        this.time = time;
        this.repository = repository;
        this.metrics = metrics;
    }

    @Override
    public void announce(List<Crossing> crossings) {
        List<Map<String, Object>> rows = new ArrayList<>(crossings.size());
        for (Crossing crossing : crossings) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("customer", crossing.scope().customer());
            int space = -1;
            String user = "";
            switch (crossing.scope()) {
                case Scope.Space of -> {
                    space = of.space();
                    data.put("space", space);
                }
                case Scope.Owner of -> {
                    user = of.user();
                    data.put("user", user);
                }
                case Scope.Customer of -> {
                    // the customer's own limits: "customer" alone
                }
            }
            data.put("limit", crossing.limit());
            if (crossing.policy() != null) {
                data.put("policy", crossing.policy());
            }
            data.put("maximum", crossing.maximum());
            data.put("used", crossing.used());
            data.put("reserved", crossing.reserved());
            data.put("fractionUsed", crossing.fractionUsed());
            String state = crossing.to().name().toLowerCase(Locale.ROOT);
            data.put("state", state);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("customer", crossing.scope().customer());
            row.put("space", space);
            row.put("user", user);
            row.put("limit", crossing.limit());
            row.put("from", crossing.from().name().toLowerCase(Locale.ROOT));
            row.put("state", state);
            row.put("data", JSON.writeValueAsString(data));
            rows.add(row);
        }
        List<String> types = repository.announceCrossings(JSON.writeValueAsString(rows), time.parameter());
        if (!types.isEmpty() && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    types.forEach(type -> EventType.of(type).ifPresent(metrics::recorded));
                }
            });
        }
    }
}
