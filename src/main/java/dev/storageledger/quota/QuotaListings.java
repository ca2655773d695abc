package dev.storageledger.quota;

import static java.util.Objects.requireNonNull;

import dev.storageledger.LedgerProperties;
import dev.storageledger.customer.CustomerService;
import dev.storageledger.ledger.limit.Fullness;
import dev.storageledger.ledger.read.CustomerFigures;
import dev.storageledger.ledger.read.StorageReader;
import dev.storageledger.ledger.read.UserFigures;
import org.springframework.stereotype.Service;

/**
 * The listings of scopes with their quota state: every customer under its policy, a customer's users under their
 * capacities. Ordered and filtered by the database, a page at a time; each member's state is {@link Fullness}'s, as
 * {@link Quotas} gives it for the scope alone (without the forecast, which needs each scope's history).
 */
@Service
public class QuotaListings {

    private final StorageReader storage;
    private final CustomerService customers;
    private final Fullness.Thresholds thresholds;

    QuotaListings(StorageReader storage, CustomerService customers, LedgerProperties.Quota settings) {
        this.storage = storage;
        this.customers = customers;
        this.thresholds = new Fullness.Thresholds(settings.nearing(), settings.critical());
    }

    /** A customer, the state of its policy's worst limit, and the greatest fraction of a limit taken. */
    public record CustomerState(CustomerFigures figures, Fullness state, double fractionUsed) {

        public CustomerState {
            requireNonNull(figures, "figures is null");
            requireNonNull(state, "state is null");
        }
    }

    /** A user, the state of their capacity, and the fraction of it taken. */
    public record UserState(UserFigures figures, Fullness state, double fractionUsed) {

        public UserState {
            requireNonNull(figures, "figures is null");
            requireNonNull(state, "state is null");
        }
    }

    /**
     * A page of the customers, by id or by usage (the greatest fraction of a limit taken, highest first); only those
     * in {@code state} when it is not null.
     */
    public StorageReader.Page<CustomerState> customers(Fullness state, boolean byUsage, long offset, int limit) {
        return storage.customers(state, thresholds, byUsage, offset, limit).map(this::customerState);
    }

    /** A page of a customer's users (404 for an unknown customer), by id or by usage (highest first). */
    public StorageReader.Page<UserState> users(int customer, boolean byUsage, long offset, int limit) {
        customers.get(customer);
        return storage.users(customer, byUsage, offset, limit).map(this::userState);
    }

    private CustomerState customerState(CustomerFigures customer) {
        long images = Fullness.taken(customer.stored().images(), customer.reserved().images());
        long size = Fullness.taken(customer.stored().size(), customer.reserved().size());
        Fullness byImages = Fullness.of(images, customer.policy().maximumImages(), thresholds);
        Fullness bySize = Fullness.of(size, customer.policy().maximumSize(), thresholds);
        return new CustomerState(customer, byImages.compareTo(bySize) >= 0 ? byImages : bySize,
                Math.max(Fullness.fraction(images, customer.policy().maximumImages()),
                        Fullness.fraction(size, customer.policy().maximumSize())));
    }

    private UserState userState(UserFigures user) {
        long taken = Fullness.taken(user.storage().usage().bytesUsed(), user.reserved().bytesUsed());
        long capacity = user.storage().capacity().total();
        return new UserState(user, Fullness.of(taken, capacity, thresholds), Fullness.fraction(taken, capacity));
    }
}
