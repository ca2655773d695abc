package dev.storageledger.storage;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an asset's files live in a backend: a template that ends with {@code {customer}/{space}/{asset}/}, after an
 * optional fixed prefix (e.g. {@code thumbs/{customer}/{space}/{asset}/}). Everything under an asset's folder is
 * that asset's.
 */
public record StorageLayout(String prefix) {

    static final String TAIL = "{customer}/{space}/{asset}/";
    private static final Pattern CUSTOMER = Pattern.compile("([1-9][0-9]{0,9})/(.*)", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("(0|[1-9][0-9]{0,9})/([A-Za-z0-9._~-]{1,200})/.*");

    public StorageLayout {
        requireNonNull(prefix, "prefix is null");
    }

    /** @throws IllegalArgumentException when the template does not end with {customer}/{space}/{asset}/ */
    public static StorageLayout of(String template) {
        if (template == null || !template.endsWith(TAIL) || template.substring(0, template.length() - TAIL.length()).contains("{")) {
            throw new IllegalArgumentException("a storage layout must end with " + TAIL + " (after a fixed prefix), not '" + template + "'");
        }
        return new StorageLayout(template.substring(0, template.length() - TAIL.length()));
    }

    public String asset(int customer, int space, String asset) {
        return prefix + customer + "/" + space + "/" + asset + "/";
    }

    /** The folder of a customer's assets, or of one of its spaces'. */
    public String scope(int customer, Integer space) {
        return prefix + customer + "/" + (space == null ? "" : space + "/");
    }

    /** An asset of a customer, named by a whole key of the storage. */
    public record Located(int customer, Key key) {
    }

    /** The customer and asset of a whole key ("thumbs/7/3/page-1/file.jpg") under this layout; empty for a key outside it. */
    public Optional<Located> locate(String key) {
        if (!key.startsWith(prefix)) {
            return Optional.empty();
        }
        Matcher matcher = CUSTOMER.matcher(key.substring(prefix.length()));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        int customer = Integer.parseInt(matcher.group(1));
        return parse(matcher.group(2)).map(asset -> new Located(customer, asset));
    }

    /** An asset named by a key relative to its customer's folder ("3/page-1/file.jpg"): its space and id. */
    public record Key(int space, String asset) {

        /** "space/asset/": the order in which listings and the ledger's records are merged. */
        public String sortKey() {
            return space + "/" + asset + "/";
        }
    }

    /** The asset a key relative to the customer's folder belongs to; empty for a key outside any asset's folder. */
    public static Optional<Key> parse(String relativeToCustomer) {
        Matcher matcher = KEY.matcher(relativeToCustomer);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new Key(Integer.parseInt(matcher.group(1)), matcher.group(2)));
    }
}
