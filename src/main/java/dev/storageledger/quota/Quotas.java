package dev.storageledger.quota;

import dev.storageledger.LedgerProperties;
import dev.storageledger.customer.CustomerService;
import dev.storageledger.ledger.Scope;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.history.HistoryPoint;
import dev.storageledger.ledger.limit.Fullness;
import dev.storageledger.ledger.history.UsageHistory;
import dev.storageledger.ledger.read.OwnerStorage;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.policy.PolicyService;
import dev.storageledger.policy.StoragePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.springframework.stereotype.Service;

/**
 * The quota of a scope: each limit that applies to its own totals (a customer's storage policy, a space's own policy,
 * a user's capacity), how near it is, and when it would be full at the growth of the last LEDGER_FORECAST_WINDOW.
 */
@Service
public class Quotas {

    private final StorageReader storage;
    private final CustomerService customers;
    private final PolicyService policies;
    private final UsageHistory history;
    private final LedgerProperties.Quota settings;
    private final Fullness.Thresholds thresholds;
    private final Clock clock;

    Quotas(StorageReader storage, CustomerService customers, PolicyService policies, UsageHistory history,
            LedgerProperties.Quota settings, Clock clock) {
        this.clock = clock;
        this.storage = storage;
        this.customers = customers;
        this.policies = policies;
        this.history = history;
        this.settings = settings;
        this.thresholds = new Fullness.Thresholds(settings.nearing(), settings.critical());
    }

    public Quota of(Scope scope) {
        return switch (scope) {
            case Scope.Customer customer -> policy(scope, customers.get(customer.customer()).storagePolicy(),
                    storage.customer(customer.customer()).usage(), storage.reserved(customer.customer(), null, null));
            case Scope.Space space -> {
                String own = customers.getSpace(space.customer(), space.space()).storagePolicy();
                Usage stored = storage.space(space.customer(), space.space()).usage();
                yield own == null ? Quota.of(List.of())
                        : policy(scope, own, stored, storage.reserved(space.customer(), space.space(), null));
            }
            case Scope.Owner owner -> {
                OwnerStorage stored = storage.owner(owner.customer(), owner.user());
                Usage reserved = storage.reserved(owner.customer(), null, owner.user());
                List<Sample> points = recent(scope, stored.usage());
                yield Quota.of(List.of(limit("used", null, stored.capacity().total(), stored.usage().bytesUsed(),
                        reserved.bytesUsed(), points, Usage::bytesUsed)));
            }
        };
    }

    private Quota policy(Scope scope, String id, Usage stored, Usage reserved) {
        StoragePolicy policy = policies.get(id);
        List<Sample> points = recent(scope, stored);
        return Quota.of(List.of(
                limit("numberOfStoredImages", id, policy.maximumNumberOfStoredImages(), stored.images(), reserved.images(),
                        points, Usage::images),
                limit("totalSizeOfStoredImages", id, policy.maximumTotalSizeOfStoredImages(), stored.size(), reserved.size(),
                        points, Usage::size)));
    }

    private LimitState limit(String name, String policy, long maximum, long used, long reserved, List<Sample> points,
            ToLongFunction<Usage> figure) {
        long taken = Fullness.taken(used, reserved);
        long remaining = Math.max(0, maximum - taken);
        double fraction = Fullness.fraction(taken, maximum);
        Fullness state = Fullness.of(taken, maximum, thresholds);
        List<Forecast.Point> line = points.stream().map(point -> new Forecast.Point(point.at(), figure.applyAsLong(point.usage())))
                .toList();
        return new LimitState(name, policy, maximum, used, reserved, remaining, fraction, state,
                Forecast.full(line, maximum).orElse(null));
    }

    /** A scope's figures at an instant. */
    private record Sample(Instant at, Usage usage) {
    }

    /** The scope's points over the forecast window (daily ones when it holds too many steps), and its figures now. */
    private List<Sample> recent(Scope scope, Usage now) {
        Duration window = settings.forecastWindow();
        Duration step = window.dividedBy(history.step()) >= UsageHistory.MAXIMUM_POINTS ? Duration.ofDays(1) : history.step();
        UsageHistory.History recent = history.history(scope, clock.instant().minus(window), null, step);
        List<Sample> points = new ArrayList<>();
        for (HistoryPoint point : recent.points()) {
            points.add(new Sample(point.at(), point.usage()));
        }
        points.add(new Sample(recent.to(), now));
        return points;
    }
}
