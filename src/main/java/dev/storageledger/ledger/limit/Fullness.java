package dev.storageledger.ledger.limit;

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
        double fraction = fraction(taken, maximum);
        return taken >= maximum ? EXCEEDED
                : fraction >= thresholds.critical() ? CRITICAL
                : fraction >= thresholds.nearing() ? NEARING
                : NORMAL;
    }
}
