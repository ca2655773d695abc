package dev.storageledger.ledger.history;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * A scope's totals integrated over time up to an instant, since its history began: byte-seconds of its stored images'
 * bytes and of their thumbnails, and image-seconds. Exact to the microsecond (PostgreSQL numeric).
 */
public record Integral(BigDecimal byteSeconds, BigDecimal thumbnailByteSeconds, BigDecimal imageSeconds) {

    public Integral {
        requireNonNull(byteSeconds, "byteSeconds is null");
        requireNonNull(thumbnailByteSeconds, "thumbnailByteSeconds is null");
        requireNonNull(imageSeconds, "imageSeconds is null");
    }

    /** What was integrated from {@code earlier} to this. */
    public Integral minus(Integral earlier) {
        return new Integral(byteSeconds.subtract(earlier.byteSeconds), thumbnailByteSeconds.subtract(earlier.thumbnailByteSeconds),
                imageSeconds.subtract(earlier.imageSeconds));
    }
}
