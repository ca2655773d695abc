package dev.storageledger.web.image;

import dev.storageledger.failure.Failure;
import dev.storageledger.ledger.write.ReservationIds;
import dev.storageledger.web.Ids;
import dev.storageledger.web.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reservations that the records of one request name in their "reservation" field: each by its id, or by its
 * "@id" ({base}/customers/{c}/reservations/{id}, the base being this request's public one). A name of another form
 * is a problem of the record (400); the "@id" of another customer's reservation, and an id that was never a
 * reservation of the customer, are refused with 404 naming them. An id that was made, but is used up, released or
 * expired, is no failure: its record is a plain write.
 */
final class ReservationNames {

    static final String FIELD = "reservation";
    private static final int MAXIMUM_LENGTH = 2048;
    private static final Pattern LINK = Pattern.compile("(.*)/customers/([0-9]{1,10})/reservations/([A-Za-z0-9._~-]{1,200})");

    private record Named(String path, String text, String id) {
    }

    private final int customer;
    private final String base;
    private final List<Named> named = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    ReservationNames(int customer, String base) {
        this.customer = customer;
        this.base = base;
    }

    /**
     * The id of the reservation that a record names; null when it names none, or when its name is refused (noted as
     * a problem of {@code fields}, or as one to answer 404 by {@link #requireMade}).
     *
     * @param path the record's place in the body ("" for the body itself, "records[3]." in a batch)
     */
    String read(JsonObject fields, String path) {
        String text = fields.string(FIELD, MAXIMUM_LENGTH);
        if (text == null) {
            return null;
        }
        if (Ids.isName(text)) {
            named.add(new Named(path, text, text));
            return text;
        }
        Matcher link = LINK.matcher(text);
        if (!link.matches() || !link.group(1).equals(base)) {
            fields.problem(FIELD, "must be a reservation's id or its @id (" + base + "/customers/" + customer
                    + "/reservations/{id}), not '" + abbreviate(text) + "'");
            return null;
        }
        long owner = Long.parseLong(link.group(2));
        if (owner != customer) {
            missing.add(path + FIELD + ": '" + abbreviate(text) + "' is a reservation of customer " + owner + ", not of customer "
                    + customer);
            return null;
        }
        named.add(new Named(path, text, link.group(3)));
        return link.group(3);
    }

    /**
     * Checks that every reservation named was made for the customer (whether it is still live or not).
     *
     * @throws Failure (not found) naming each reservation named that is not one of the customer's
     */
    void requireMade(ReservationIds reservations) {
        Set<String> neverMade = reservations.neverMade(customer, named.stream().map(Named::id).distinct().toList());
        for (Named name : named) {
            if (neverMade.contains(name.id())) {
                missing.add(name.path() + FIELD + ": customer " + customer + " has no reservation '" + abbreviate(name.text())
                        + "' (no reservation of it was ever made with that id)");
            }
        }
        if (!missing.isEmpty()) {
            throw Failure.notFound(String.join("; ", missing));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }
}
