package dev.storageledger.bench;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads customers, spaces and millions of asset records straight into the ledger's tables with PostgreSQL COPY,
 * then sets every total from the loaded rows (the one place where totals are summed: a bulk load, before the
 * service serves them). Customer ids run from {@code firstCustomer}; each customer has {@code spaces} spaces
 * (0..spaces-1) of {@code assets} assets each, named "a0", "a1"...
 */
public final class DataGenerator {

    public record Scale(int firstCustomer, int customers, int spaces, int assets) {

        public long assetRows() {
            return (long) customers * spaces * assets;
        }

        public int lastCustomer() {
            return firstCustomer + customers - 1;
        }
    }

    private final String url;
    private final String user;
    private final String password;

    public DataGenerator(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public void load(Scale scale) throws SQLException, IOException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY customer (id, name, storage_policy) FROM STDIN", new Rows(scale.customers(), row -> {
                long customer = scale.firstCustomer() + row;
                return customer + "\tcustomer " + customer + "\tdefault\n";
            }));
            copy.copyIn("COPY space (customer, id, name) FROM STDIN", new Rows((long) scale.customers() * scale.spaces(), row -> {
                int customer = scale.firstCustomer() + (int) (row / scale.spaces());
                return customer + "\t" + (row % scale.spaces()) + "\tspace\n";
            }));
            // The rows are consistent by construction, so the per-row foreign key check is skipped for the load.
            statement.execute("SET session_replication_role = replica");
            copy.copyIn("COPY asset (customer, space, id, size, thumbnail_size) FROM STDIN", new Rows(scale.assetRows(), row -> {
                long perCustomer = (long) scale.spaces() * scale.assets();
                int customer = scale.firstCustomer() + (int) (row / perCustomer);
                long space = row % perCustomer / scale.assets();
                long asset = row % scale.assets();
                return customer + "\t" + space + "\ta" + asset + "\t" + size(row) + "\t" + size(row) / 50 + "\n";
            }));
            statement.execute("SET session_replication_role = DEFAULT");
            String range = " BETWEEN " + scale.firstCustomer() + " AND " + scale.lastCustomer();
            statement.execute("""
                    UPDATE space s SET number_of_stored_images = a.n, total_size_of_stored_images = a.size,
                        total_size_of_thumbnails = a.thumbnails
                    FROM (SELECT customer, space, count(*) AS n, sum(size) AS size, sum(thumbnail_size) AS thumbnails
                          FROM asset WHERE customer""" + range + " GROUP BY customer, space) a "
                    + "WHERE s.customer = a.customer AND s.id = a.space");
            statement.execute("""
                    UPDATE customer c SET number_of_stored_images = a.n, total_size_of_stored_images = a.size,
                        total_size_of_thumbnails = a.thumbnails
                    FROM (SELECT customer, sum(number_of_stored_images) AS n, sum(total_size_of_stored_images) AS size,
                                 sum(total_size_of_thumbnails) AS thumbnails
                          FROM space WHERE customer""" + range + " GROUP BY customer) a WHERE c.id = a.customer");
            statement.execute("ANALYZE");
        }
    }

    /** A deterministic size between 10 kB and about 10 MB. */
    static long size(long row) {
        return 10_000 + (row * 2_654_435_761L & 0x7fffffffL) % 10_000_000;
    }

    /** Rows of COPY text made on the fly, so that millions of rows never sit in memory. */
    static final class Rows extends Reader {
        interface Row {
            String text(long row);
        }

        private final long count;
        private final Row row;
        private long next;
        private String pending = "";
        private int offset;

        Rows(long count, Row row) {
            this.count = count;
            this.row = row;
        }

        @Override
        public int read(char[] buffer, int start, int length) {
            int written = 0;
            while (written < length) {
                if (offset == pending.length()) {
                    if (next == count) {
                        return written == 0 ? -1 : written;
                    }
                    pending = row.text(next++);
                    offset = 0;
                }
                int n = Math.min(length - written, pending.length() - offset);
                pending.getChars(offset, offset + n, buffer, start + written);
                offset += n;
                written += n;
            }
            return written;
        }

        @Override
        public void close() {
        }
    }
}
