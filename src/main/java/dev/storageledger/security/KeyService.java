package dev.storageledger.security;

import dev.storageledger.customer.CustomerService;
import dev.storageledger.failure.Failure;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Customers' HTTP Basic keys: issued with a secret shown once, listed without secrets, revoked at once. */
@Service
public class KeyService {

    private final KeyRepository keys;
    private final CustomerService customers;

    KeyService(KeyRepository keys, CustomerService customers) {
        this.keys = keys;
        this.customers = customers;
    }

    public record IssuedKey(String key, String secret) {
    }

    public record KeyInfo(String key, Instant createdAt) {
    }

    public IssuedKey issue(int customer) {
        customers.get(customer);
        String key = UUID.randomUUID().toString();
        String secret = Secrets.generate();
        keys.insert(key, customer, Secrets.hash(secret));
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
