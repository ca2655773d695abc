package dev.storageledger.security;

import dev.storageledger.LedgerProperties;
import dev.storageledger.customer.CustomerService;
import dev.storageledger.failure.Failure;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Customers' HTTP Basic keys: issued with a secret shown once, listed without secrets, revoked at once. */
@Service
public class KeyService {

    private final KeyRepository keys;
    private final CustomerService customers;
    private final TransactionTemplate transactions;
    private final int maximumKeys;

    KeyService(KeyRepository keys, CustomerService customers, PlatformTransactionManager transactionManager, LedgerProperties.PerCustomer perCustomer) {
        this.keys = keys;
        this.customers = customers;
        this.transactions = new TransactionTemplate(transactionManager);
        this.maximumKeys = perCustomer.maxKeys();
    }

    public record IssuedKey(String key, String secret) {
    }

    public record KeyInfo(String key, Instant createdAt) {
    }

    /**
     * A new key of the customer, with its secret.
     *
     * @throws Failure (conflict) when the customer has its most keys already (LEDGER_MAX_KEYS_PER_CUSTOMER)
     */
    public IssuedKey issue(int customer) {
        customers.get(customer);
        String key = UUID.randomUUID().toString();
        String secret = Secrets.generate();
        transactions.executeWithoutResult(status -> {
            keys.lockKeysOf(customer);
            int held = keys.count(customer);
            if (held >= maximumKeys) {
                throw Failure.conflict("Customer " + customer + " has " + held + " keys, the most one customer may have (the "
                        + "limit of keys per customer is " + maximumKeys + "): revoke one before issuing another");
            }
            keys.insert(key, customer, Secrets.hash(secret));
        });
        return new IssuedKey(key, secret);
    }

    public List<KeyInfo> list(int customer) {
        customers.get(customer);
        return keys.list(customer);
    }

    public void revoke(int customer, String key) {
        if (!keys.delete(customer, key)) {
            throw Failure.notFound("Customer " + customer + " has no key '" + key + "'");
        }
    }
}
