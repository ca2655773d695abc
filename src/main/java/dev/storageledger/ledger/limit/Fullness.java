package dev.storageledger.ledger.limit;

import java.util.Locale;
import java.util.Optional;

/**
 * How full a limit is, from what is stored and reserved against its maximum: {@code EXCEEDED} when nothing remains,
 * {@code CRITICAL} from the critical fraction on, {@code NEARING} from the nearing fraction on, else {@code NORMAL}
 * (worst last). A maximum of 0 is exceeded. The one rule of quota states, for their reads and their webhooks alike.
 */
public enum Fullness {
    NORMAL, NEARING, CRITICAL, EXCEEDED;

    /** The fractions at which a limit is nearing and critical (LEDGER_QUOTA_NEARING, LEDGER_QUOTA_CRITICAL). */
    public record Thresholds(double nearing, double critical) {
        public Thresholds {
            if (!(nearing > 0 && nearing <= critical && critical <= 1)) {
                throw new IllegalArgumentException("thresholds must be 0 < nearing <= critical <= 1, not " + nearing + " and " + critical);
            }
        }
    }

    /** What is stored and reserved together: the largest total the ledger holds when their sum passes it. */
    public static long taken(long used, long reserved) {
        long sum = used + reserved;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** The fraction of {@code maximum} that {@code taken} is: 1 when the maximum is 0. */
    public static double fraction(long taken, long maximum) {
        return maximum == 0 ? 1 : (double) taken / maximum;
    }

    public static Fullness of(long taken, long maximum, Thresholds thresholds) {
        if (taken >= maximum) {
            return EXCEEDED;
        }
        double fraction = fraction(taken, maximum);
        for (Fullness state : values()) {
            if (state != EXCEEDED && state.band(thresholds).holds(fraction)) {
                return state;
            }
        }
        throw new IllegalStateException("no state holds the fraction " + fraction);
    }

    /**
     * The fractions of a limit that is not exceeded for which it is in a state: from {@code from} (inclusive; null: no
     * lower bound) to {@code until} (exclusive; null: no upper bound). EXCEEDED has none: it is the limit's taken
     * figure reaching its maximum, whatever the fraction. A scope is in its worst limit's state, so a scope none of
     * whose limits is exceeded is in the band of its greatest fraction, which lets a query filter scopes by state.
     */
    public record Band(Double from, Double until) {

        boolean holds(double fraction) {
            return (from == null || fraction >= from) && (until == null || fraction < until);
        }
    }

    /** This state's band of fractions (see {@link Band}); EXCEEDED has none. */
    public Band band(Thresholds thresholds) {
        return switch (this) {
            case NORMAL -> new Band(null, thresholds.nearing());
            case NEARING -> new Band(thresholds.nearing(), thresholds.critical());
            case CRITICAL -> new Band(thresholds.critical(), null);
            case EXCEEDED -> throw new IllegalArgumentException("EXCEEDED is not a band of fractions");
        };
    }

    /** As the API writes it: "normal", "nearing", "critical" or "exceeded". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state of this name as the API writes it ("nearing"), if there is one. */
    public static Optional<Fullness> named(String name) {
        for (Fullness state : values()) {
            if (state.name().equalsIgnoreCase(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
