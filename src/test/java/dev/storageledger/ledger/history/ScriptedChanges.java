package dev.storageledger.ledger.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.ToLongFunction;

/** A scope's figures as a script of changes at known instants, and what they say by hand: the history's expected values. */
final class ScriptedChanges {

    private ScriptedChanges() {
    }

    /** The totals from an instant on: stored images, their bytes, their thumbnails' bytes. */
    record Change(Instant at, long images, long size, long thumbnails) {
    }

    /** The totals at an instant: those of the last change before it (a change at the instant itself comes after). */
    static Change inForce(List<Change> changes, Instant at) {
        Change inForce = null;
        for (Change change : changes) {
            if (change.at().isBefore(at)) {
                inForce = change;
            }
        }
        return inForce;
    }

    /** The integral of a figure from one instant to another, computed from the changes, exact to the microsecond. */
    static BigDecimal integral(List<Change> changes, Instant from, Instant to, ToLongFunction<Change> figure) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < changes.size(); i++) {
            Instant start = changes.get(i).at().isAfter(from) ? changes.get(i).at() : from;
            Instant end = i + 1 < changes.size() && changes.get(i + 1).at().isBefore(to) ? changes.get(i + 1).at() : to;
            if (end.isAfter(start)) {
                sum = sum.add(seconds(start, end).multiply(BigDecimal.valueOf(figure.applyAsLong(changes.get(i)))));
            }
        }
        return sum;
    }

    /** The seconds from one instant to another, exact to the microsecond (as PostgreSQL keeps instants). */
    static BigDecimal seconds(Instant from, Instant to) {
        return BigDecimal.valueOf(ChronoUnit.MICROS.between(from, to)).movePointLeft(6);
    }
}
