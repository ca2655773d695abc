package dev.storageledger.webhook;

import dev.storageledger.LedgerProperties;
import dev.storageledger.customer.CustomerService;
import dev.storageledger.failure.Failure;
import dev.storageledger.security.SealedSecrets;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook subscriptions of a customer, or of every customer (customer null: the administrator's): made with a secret
 * shown once and kept encrypted, listed and deleted; and their deliveries.
 */
@Service
public class Webhooks {

    static final int MAXIMUM_URL_LENGTH = 2000;

    private final SubscriptionRepository subscriptions;
    private final WebhookRepository repository;
    private final CustomerService customers;
    private final SealedSecrets secrets;
    private final AddressGuard guard;
    private final TransactionTemplate transactions;
    private final int maximumPerCustomer;

    Webhooks(SubscriptionRepository subscriptions, WebhookRepository repository, CustomerService customers, SealedSecrets secrets,
            PlatformTransactionManager transactionManager, LedgerProperties.Webhooks settings) {
        this.subscriptions = subscriptions;
        this.repository = repository;
        this.customers = customers;
        this.secrets = secrets;
        this.guard = new AddressGuard(settings.allowPrivate());
        this.transactions = new TransactionTemplate(transactionManager);
        this.maximumPerCustomer = settings.maxPerCustomer();
    }

    /** A new subscription and its secret ("whsec_..."), which is never shown again. */
    public record Created(Subscription subscription, String secret) {
    }

    /**
     * Checks the URL (absolute http or https, to an address the ledger may send to) and the events (each one of
     * {@link EventType}), and makes the subscription unless its customer has the most allowed.
     *
     * @param problems the problems of the request's other fields, named "field: problem", to which these are added
     */
    public Created create(Integer customer, String url, List<String> events, String description, List<String> problems) {
        if (customer != null) {
            customers.get(customer);
        }
        List<String> all = new ArrayList<>(problems);
        if (url != null) {
            check(url).ifPresent(problem -> all.add("url: " + problem));
        }
        if (events != null) {
            if (events.isEmpty()) {
                all.add("events: must name at least one event (" + String.join(", ", EventType.names()) + ")");
            }
            for (int i = 0; i < events.size(); i++) {
                if (EventType.of(events.get(i)).isEmpty()) {
                    all.add("events[" + i + "]: '" + events.get(i) + "' is not an event (the events: " + String.join(", ", EventType.names()) + ")");
                }
            }
        }
        if (!all.isEmpty()) {
            throw Failure.invalid(all);
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(events));
        String id = UUID.randomUUID().toString();
        byte[] secret = Signature.newSecret();
        byte[] sealed = secrets.seal(sealedFor(id), secret);
        Subscription made = transactions.execute(status -> {
            subscriptions.lockSubscriptionsOf(customer);
            int existing = subscriptions.count(customer);
            if (existing >= maximumPerCustomer) {
                throw Failure.conflict((customer == null ? "The administrator has " : "Customer " + customer + " has ") + existing
                        + " webhooks, the most allowed (the limit of webhooks per customer is " + maximumPerCustomer
                        + "): delete one before making another");
            }
            return subscriptions.insert(id, customer, url, distinct, description, sealed);
        });
        return new Created(made, Signature.shown(secret));
    }

    /** Why {@code url} cannot be a webhook's URL, or empty when it can. */
    private java.util.Optional<String> check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return java.util.Optional.of("'" + url + "' is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
            return java.util.Optional.of("must be an absolute http or https URL with a host, not '" + url + "'");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65_535)) {
            return java.util.Optional.of("the port must be from 1 to 65535, not " + uri.getPort());
        }
        if (uri.getRawUserInfo() != null) {
            return java.util.Optional.of("must not carry credentials (user information) in the URL");
        }
        return guard.refusal(uri).map(reason -> "the ledger does not send webhooks to '" + url + "': " + reason);
    }

    public List<Subscription> list(Integer customer) {
        if (customer != null) {
            customers.get(customer);
        }
        return subscriptions.list(customer);
    }

    public Subscription get(Integer customer, String id) {
        return subscriptions.find(customer, id).orElseThrow(() -> notFound(customer, id));
    }

    public void delete(Integer customer, String id) {
        if (!subscriptions.delete(customer, id)) {
            throw notFound(customer, id);
        }
    }

    /** A page (from 1) of the subscription's deliveries, newest first, and how many it has in all. */
    public record Deliveries(List<Delivery> deliveries, long total) {
    }

    public Deliveries deliveries(Integer customer, String id, int page, int pageSize) {
        get(customer, id);
        return new Deliveries(repository.deliveries(id, page, pageSize), repository.countDeliveries(id));
    }

    static String sealedFor(String subscription) {
        return "webhook:" + subscription;
    }

    private static Failure notFound(Integer customer, String id) {
        return Failure.notFound((customer == null ? "There is no webhook of every customer '" : "Customer " + customer
                + " has no webhook '") + id + "'");
    }
}
