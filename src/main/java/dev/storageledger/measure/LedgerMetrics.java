package dev.storageledger.measure;

import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.limit.Admission;
import dev.storageledger.ledger.writer.Operation;
import dev.storageledger.ledger.writer.WriteMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The ledger's own meters, served at /actuator/prometheus:
 * {@code ledger_writes_total{operation, outcome}} counts writes accepted and refused for a limit, and
 * {@code ledger_limit_refusals_total{scope, limit}} says which limit refused them, and
 * {@code ledger_write_group_writes} how many writes each transaction carried, and
 * {@code ledger_recalculation_drift_total{scope}} how many scopes recalculations found drifted. Every one of them, with
 * each of its tag values, is registered at zero when the service starts: a dashboard or an alert sees a series from
 * the first scrape, not from the first event.
 */
@Component
public class LedgerMetrics implements WriteMetrics {

    private final MeterRegistry registry;

    LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Operation operation : Operation.values()) {
            writes(operation, "accepted");
            writes(operation, "refused");
        }
        for (String scope : List.of("customer", "space")) {
            limitRefusals(scope, Admission.Dimension.NUMBER_OF_IMAGES);
            limitRefusals(scope, Admission.Dimension.TOTAL_SIZE);
        }
        limitRefusals("owner", Admission.Dimension.BYTES_USED);
        groupWrites();
        for (String scope : List.of("customer", "space", "owner")) {
            drift(scope);
        }
    }

    @Override
    public void accepted(Operation operation) {
        writes(operation, "accepted").increment();
    }

    @Override
    public void refused(Operation operation, Admission.LimitExceeded refusal) {
        writes(operation, "refused").increment();
        limitRefusals(tag(refusal.scope()), refusal.dimension()).increment();
    }

    /** How many writes one transaction carried: ledger_write_group_writes (a summary). */
    @Override
    public void groupApplied(int writes) {
        groupWrites().record(writes);
    }

    /** A scope whose totals a recalculation found drifted from its records (and repaired): ledger_recalculation_drift_total. */
    public void drift(Scope scope) {
        drift(tag(scope)).increment();
    }

    @Override
    public void overflowed(Operation operation) {
        writes(operation, "refused").increment();
    }

    /** A scope's kind, as the meters tag it: "space", "owner" or "customer". */
    private static String tag(Scope scope) {
        return switch (scope) {
            case Scope.Space space -> "space";
            case Scope.Owner owner -> "owner";
            case Scope.Customer customer -> "customer";
        };
    }

    private Counter limitRefusals(String scope, Admission.Dimension dimension) {
        return Counter.builder("ledger.limit.refusals")
                .description("Writes refused because they would take a scope past a limit")
                .tag("scope", scope)
                .tag("limit", dimension.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    private DistributionSummary groupWrites() {
        return DistributionSummary.builder("ledger.write.group.writes")
                .description("Writes applied together in one transaction")
                .register(registry);
    }

    private Counter drift(String scope) {
        return Counter.builder("ledger.recalculation.drift")
                .description("Scopes whose stored totals a recalculation found different from their records, and repaired")
                .tag("scope", scope)
                .register(registry);
    }

    private Counter writes(Operation operation, String outcome) {
        return Counter.builder("ledger.writes")
                .description("Storage record writes, by operation and outcome")
                .tag("operation", operation.tag())
                .tag("outcome", outcome)
                .register(registry);
    }
}
