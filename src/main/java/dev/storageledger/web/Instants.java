package dev.storageledger.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * The one rule for an instant a request names, in a body or in a query: ISO 8601 in UTC, in the years 1 to 9999 (what
 * PostgreSQL's timestamptz keeps; past them it turns instants into -infinity or refuses them), without a leap second
 * (the ledger's clocks, Java's and PostgreSQL's, have none: Java would read 23:59:60 as 23:59:59), and kept to the
 * microsecond (timestamptz's precision: finer digits, which a Java client's clock gives, are dropped).
 */
public final class Instants {

    /** The first instant a request may name: the first of year 1. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The last instant a request may name: the last microsecond of year 9999. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Instants() {
    }

    /** What reading a text as an instant decided. */
    public sealed interface Read {
    }

    /** The instant, as the ledger keeps it. */
    public record Kept(Instant instant) implements Read {
    }

    /** Why the text names no instant the ledger keeps, as "must be ..."; the caller adds the field and what was sent. */
    public record Refused(String reason) implements Read {
    }

    public static Read read(String text) {
        TemporalAccessor parsed;
        Instant instant;
        try {
            parsed = DateTimeFormatter.ISO_INSTANT.parse(text);
            instant = Instant.from(parsed);
        } catch (DateTimeException e) {
            return new Refused("must be an ISO 8601 instant such as 2026-02-23T01:00:44Z");
        }
        if (Boolean.TRUE.equals(parsed.query(DateTimeFormatter.parsedLeapSecond()))) {
            return new Refused("23:59:60 (a leap second) is not an instant the ledger keeps: its clocks have no leap second;"
                    + " name 23:59:59 or the next day's 00:00:00");
        }
        Instant kept = instant.truncatedTo(ChronoUnit.MICROS);
        if (kept.isBefore(EARLIEST) || kept.isAfter(LATEST)) {
            return new Refused("must be from " + EARLIEST + " to " + LATEST);
        }
        return new Kept(kept);
    }
}
