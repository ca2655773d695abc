package dev.storageledger.customer;

import dev.storageledger.database.DatabaseError;
import dev.storageledger.failure.Failure;
import dev.storageledger.failure.Missing;
import dev.storageledger.policy.PolicyRepository;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

@Service
public class CustomerService {

    /** The foreign keys PostgreSQL named after V1__ledger.sql, which a concurrent delete can break. */
    private static final String CUSTOMER_POLICY = "customer_storage_policy_fkey";
    private static final String SPACE_POLICY = "space_storage_policy_fkey";
    private static final String SPACE_CUSTOMER = "space_customer_fkey";

    private final CustomerRepository customers;
    private final PolicyRepository policies;

    CustomerService(CustomerRepository customers, PolicyRepository policies) {
        this.customers = customers;
        this.policies = policies;
    }

    public Customer get(int id) {
        return customers.find(id).orElseThrow(() -> Missing.customer(id));
    }

    public Space getSpace(int customer, int space) {
        return customers.findSpace(customer, space).orElseThrow(() -> Missing.space(customer, space));
    }

    /** A page of a customer's spaces with their totals (404 for an unknown customer). */
    public List<CustomerRepository.SpaceTotals> spaces(int customer, long offset, int limit) {
        get(customer);
        return customers.spaces(customer, offset, limit);
    }

    public long countSpaces(int customer) {
        return customers.countSpaces(customer);
    }

    /** Answers true when the customer was created. */
    public boolean save(Customer customer) {
        requirePolicy(customer.storagePolicy());
        try {
            return customers.save(customer);
        } catch (DataIntegrityViolationException e) {
            if (DatabaseError.of(e).isForeignKey(CUSTOMER_POLICY)) {
                throw policyVanished(customer.storagePolicy());
            }
            throw e;
        }
    }

    /** Answers true when the space was created. */
    public boolean save(Space space) {
        get(space.customer());
        if (space.storagePolicy() != null) {
            requirePolicy(space.storagePolicy());
        }
        try {
            return customers.save(space);
        } catch (DataIntegrityViolationException e) {
            DatabaseError error = DatabaseError.of(e);
            if (error.isForeignKey(SPACE_POLICY)) {
                throw policyVanished(space.storagePolicy());
            }
            if (error.isForeignKey(SPACE_CUSTOMER)) {
                throw Missing.customer(space.customer());
            }
            throw e;
        }
    }

    /** Changes only the fields named (JSON Merge Patch); a customer always has a policy. */
    public Customer patch(int id, Change<String> name, Change<String> displayName, Change<String> policy) {
        if (policy != null) {
            requirePolicy(policy.value());
        }
        try {
            return customers.patch(id, name, displayName, policy).orElseThrow(() -> Missing.customer(id));
        } catch (DataIntegrityViolationException e) {
            if (DatabaseError.of(e).isForeignKey(CUSTOMER_POLICY)) {
                throw policyVanished(policy.value());
            }
            throw e;
        }
    }

    /** Changes only the fields named; a null policy removes the space's own. */
    public Space patchSpace(int customer, int space, Change<String> name, Change<String> policy) {
        get(customer);
        if (policy != null && policy.value() != null) {
            requirePolicy(policy.value());
        }
        try {
            return customers.patchSpace(customer, space, name, policy).orElseThrow(() -> Missing.space(customer, space));
        } catch (DataIntegrityViolationException e) {
            if (DatabaseError.of(e).isForeignKey(SPACE_POLICY)) {
                throw policyVanished(policy.value());
            }
            throw e;
        }
    }

    public void deleteSpace(int customer, int space) {
        switch (customers.deleteSpace(customer, space)) {
            case DELETED -> { }
            case NOT_EMPTY -> throw Failure.conflict("Space " + space + " of customer " + customer
                    + " still holds assets; delete them first");
            case NOT_FOUND -> throw Missing.space(customer, space);
        }
    }

    private void requirePolicy(String id) {
        if (policies.find(id).isEmpty()) {
            throw Failure.invalid("storagePolicy: there is no storage policy '" + id + "'");
        }
    }

    private static Failure policyVanished(String id) {
        return Failure.conflict("The storage policy '" + id + "' was deleted while this request ran");
    }
}
