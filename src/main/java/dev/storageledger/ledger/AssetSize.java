package dev.storageledger.ledger;

/** The bytes one asset stores: its artefacts (size) and its thumbnails, kept apart as DLCS does. */
public record AssetSize(long size, long thumbnailSize) {

    public AssetSize {
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
        if (thumbnailSize < 0) {
            throw new IllegalArgumentException("thumbnailSize is negative: " + thumbnailSize);
        }
    }
}
