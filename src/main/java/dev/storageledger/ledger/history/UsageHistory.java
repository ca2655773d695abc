package dev.storageledger.ledger.history;

import dev.storageledger.LedgerProperties;
import dev.storageledger.failure.Failure;
import dev.storageledger.failure.Missing;
import dev.storageledger.ledger.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Usage over time: a scope's totals at the boundaries of a step, and their exact integrals between two of them or
 * now (byte-hours). The points are written by the writes themselves (see V7__usage_over_time.sql), so a boundary's
 * figures are exact, and a scope that did not change costs nothing.
 */
@Service
public class UsageHistory {

    /** The most points one answer holds: a year of hours, more than the default 31 days of them. */
    public static final int MAXIMUM_POINTS = 9000;

    private static final Duration DAY = Duration.ofDays(1);

    private final HistoryReads reads;
    private final Duration step;
    private final Duration retention;
    private final Duration dailyRetention;

    UsageHistory(HistoryReads reads, LedgerProperties.History settings) {
        this.reads = reads;
        this.step = settings.step();
        this.retention = settings.retention();
        this.dailyRetention = settings.dailyRetention();
    }

    /** The configured step of the history. */
    public Duration step() {
        return step;
    }

    /**
     * The scope's points at the boundaries of {@code pointStep} (the configured step or a day) from {@code from} to
     * {@code to}, within its history (which begins when the scope was made, or when the ledger began to keep history,
     * and is kept for the daily retention), oldest first; a range that reaches past the retention of the configured
     * step's points is answered with a day's. Null {@code to}: now; null {@code from}: a day before {@code to} (or as many points as an answer
     * holds, when a day holds more); null step: the configured one.
     */
    public History history(Scope scope, Instant from, Instant to, Duration pointStep) {
        Duration asked = pointStep == null ? step : pointStep;
        if (!asked.equals(step) && !asked.equals(DAY)) {
            throw Failure.invalid("step must be " + step + " (the history's step) or P1D, not " + asked);
        }
        HistoryReads.Span span = span(scope);
        Instant end = to == null ? span.now() : to;
        Instant start = from == null ? later(end.minus(DAY), end.minus(asked.multipliedBy(MAXIMUM_POINTS - 1))) : from;
        if (start.isAfter(end)) {
            throw Failure.invalid("from (" + start + ") is after to (" + end + ")");
        }
        Duration stepOfPoints = start.isBefore(span.now().minus(retention)) ? DAY : asked;
        List<Instant> boundaries = new ArrayList<>();
        long seconds = stepOfPoints.toSeconds();
        Instant last = floor(earlier(end, span.now()), seconds);
        for (Instant at = ceil(later(later(start, span.since()), span.now().minus(dailyRetention)), seconds); !at.isAfter(last); at = at.plusSeconds(seconds)) {
            if (boundaries.size() == MAXIMUM_POINTS) {
                throw Failure.invalid("from " + start + " to " + end + " holds more than " + MAXIMUM_POINTS
                        + " points of " + stepOfPoints + ": ask for a shorter range or a longer step");
            }
            boundaries.add(at);
        }
        return new History(start, end, stepOfPoints, boundaries.isEmpty() ? List.of() : reads.at(scope, boundaries, false));
    }

    /**
     * What the scope's totals integrate to from {@code from} to {@code to}: byte-seconds, thumbnail byte-seconds and
     * image-seconds. Both ends must be points of its history (boundaries of the configured step within it); a null
     * {@code to} is now.
     */
    public ByteHours byteHours(Scope scope, Instant from, Instant to) {
        HistoryReads.Span span = span(scope);
        requirePoint("from", from, span);
        List<Instant> ends = new ArrayList<>(List.of(from));
        if (to != null) {
            requirePoint("to", to, span);
            if (to.isBefore(from)) {
                throw Failure.invalid("to (" + to + ") is before from (" + from + ")");
            }
            ends.add(to);
        }
        List<HistoryPoint> points = reads.at(scope, ends, to == null);
        HistoryPoint first = points.getFirst();
        HistoryPoint last = points.getLast();
        return new ByteHours(first.at(), last.at(), last.integral().minus(first.integral()));
    }

    private void requirePoint(String name, Instant at, HistoryReads.Span span) {
        if (at == null) {
            throw Failure.invalid(name + " is required: a point of the history (a boundary of " + step + ")");
        }
        if (at.isBefore(span.since())) {
            throw Failure.invalid(name + " (" + at + ") is before this history began (" + span.since() + "): its first point is "
                    + ceil(span.since(), step.toSeconds()));
        }
        if (at.isBefore(span.now().minus(dailyRetention))) {
            throw Failure.invalid(name + " (" + at + ") is older than the history kept (" + dailyRetention.toDays() + " days)");
        }
        if (at.isBefore(span.now().minus(retention)) && !floor(at, DAY.toSeconds()).equals(at)) {
            throw Failure.invalid(name + " (" + at + ") is not a point of the history: points older than "
                    + retention.toDays() + " days are kept only at midnight UTC");
        }
        if (!floor(at, step.toSeconds()).equals(at)) {
            throw Failure.invalid(name + " (" + at + ") is not a point of the history: points are at the boundaries of "
                    + step + " from midnight UTC");
        }
        if (at.isAfter(span.now())) {
            throw Failure.invalid(name + " (" + at + ") is in the future");
        }
    }

    private HistoryReads.Span span(Scope scope) {
        return reads.span(scope).orElseThrow(() -> switch (scope) {
            case Scope.Customer customer -> Missing.customer(customer.customer());
            case Scope.Space space -> Missing.space(space.customer(), space.space());
            case Scope.Owner owner -> Missing.user(owner.customer(), owner.user());
        });
    }

    static Instant floor(Instant at, long stepSeconds) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), stepSeconds) * stepSeconds);
    }

    static Instant ceil(Instant at, long stepSeconds) {
        Instant floor = floor(at, stepSeconds);
        return floor.equals(at) ? floor : floor.plusSeconds(stepSeconds);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Points of a scope's history, oldest first. */
    public record History(Instant from, Instant to, Duration step, List<HistoryPoint> points) {
    }

    /** The integrals of a scope's totals over a range. */
    public record ByteHours(Instant from, Instant to, Integral integral) {
    }
}
