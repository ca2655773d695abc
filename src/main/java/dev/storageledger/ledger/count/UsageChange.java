package dev.storageledger.ledger.count;

import dev.storageledger.ledger.AssetSize;

/** How a write changes a scope's usage. Each figure may be negative. */
public record UsageChange(long images, long size, long thumbnails) {

    public static final UsageChange NONE = new UsageChange(0, 0, 0);

    public static UsageChange added(AssetSize asset) {
        return new UsageChange(1, asset.size(), asset.thumbnailSize());
    }

    public static UsageChange removed(AssetSize asset) {
        return new UsageChange(-1, -asset.size(), -asset.thumbnailSize());
    }

    public static UsageChange replaced(AssetSize before, AssetSize after) {
        return new UsageChange(0, after.size() - before.size(), after.thumbnailSize() - before.thumbnailSize());
    }

    /**
     * The sum of two changes.
     *
     * @throws TotalOverflowException when a figure would pass the largest total the ledger can hold
     */
    public UsageChange plus(UsageChange other) {
        try {
            return new UsageChange(Math.addExact(images, other.images), Math.addExact(size, other.size),
                    Math.addExact(thumbnails, other.thumbnails));
        } catch (ArithmeticException e) {
            throw new TotalOverflowException();
        }
    }

    /** The change that undoes this one. */
    public UsageChange negated() {
        return new UsageChange(-images, -size, -thumbnails);
    }

    public boolean isNone() {
        return images == 0 && size == 0 && thumbnails == 0;
    }
}
