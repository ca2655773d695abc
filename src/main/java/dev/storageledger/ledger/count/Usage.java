package dev.storageledger.ledger.count;

/**
 * What a scope (a customer or a space) stores: how many assets, their bytes excluding thumbnails, and their
 * thumbnail bytes.
 */
public record Usage(long images, long size, long thumbnails) {

    public static final Usage NONE = new Usage(0, 0, 0);

    /**
     * This usage with a change applied.
     *
     * @throws TotalOverflowException when a figure would pass the largest total the ledger can hold
     */
    public Usage plus(UsageChange change) {
        try {
            return new Usage(Math.addExact(images, change.images()), Math.addExact(size, change.size()),
                    Math.addExact(thumbnails, change.thumbnails()));
        } catch (ArithmeticException e) {
            throw new TotalOverflowException();
        }
    }

    /** What a user's capacity counts: size and thumbnails together (the largest total when that passes it). */
    public long bytesUsed() {
        long used = size + thumbnails;
        return used < 0 ? Long.MAX_VALUE : used;
    }

    public Usage {
        if (images < 0 || size < 0 || thumbnails < 0) {
            throw new IllegalArgumentException("usage is negative: " + images + " images, " + size + " bytes, "
                    + thumbnails + " thumbnail bytes");
        }
    }
}
