package dev.storageledger.ledger.postgres;

import dev.storageledger.LedgerProperties;
import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.StoredAsset;
import dev.storageledger.ledger.count.Usage;
import dev.storageledger.ledger.limit.Limit;
import dev.storageledger.ledger.limit.Limits;
import dev.storageledger.ledger.write.Reservation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.OptionalLong;

/** How the ledger's rows read: the columns that its statements name alike. */
final class Rows {

    private Rows() {
    }

    /**
     * The last history step boundary at or before {@code instant} (steps of LEDGER_HISTORY_STEP from midnight UTC);
     * the statement takes the step as the parameter {@code :step} (see {@link #step}).
     */
    static String stepBoundary(String instant) {
        return "date_bin(CAST(:step AS interval), " + instant + ", TIMESTAMPTZ '2000-01-01 00:00:00Z')";
    }

    /** The parameter {@code :step} of {@link #stepBoundary}. */
    static String step(LedgerProperties.History history) {
        return history.step().toSeconds() + " seconds";
    }

    /** The totals columns number_of_stored_images, total_size_of_stored_images and total_size_of_thumbnails. */
    static Usage usage(ResultSet row) throws SQLException {
        return new Usage(row.getLong("number_of_stored_images"), row.getLong("total_size_of_stored_images"),
                row.getLong("total_size_of_thumbnails"));
    }

    /** A user's capacity from the columns quota, plan_capacity and packs (active packs' bytes): the rule is {@link Limits}'. */
    static Limit.Capacity capacity(ResultSet row) throws SQLException {
        return Limits.ownerCapacity(optionalLong(row, "quota"), optionalLong(row, "plan_capacity"), row.getLong("packs"));
    }

    static StoredAsset storedAsset(ResultSet row) throws SQLException {
        return new StoredAsset(new AssetRef(row.getInt("space"), row.getString("id")),
                new AssetSize(row.getLong("size"), row.getLong("thumbnail_size")), row.getString("owner"), instant(row, "last_checked"));
    }

    static Reservation reservation(ResultSet row) throws SQLException {
        return new Reservation(row.getString("id"), row.getInt("space"), row.getString("owner"), row.getLong("images"),
                new AssetSize(row.getLong("size"), row.getLong("thumbnail_size")), instant(row, "expires_at"));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OptionalLong optionalLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
