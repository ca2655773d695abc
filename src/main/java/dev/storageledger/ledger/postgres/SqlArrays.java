package dev.storageledger.ledger.postgres;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.support.SqlValue;

/** PostgreSQL array parameters, so that a batch of any size is one statement over unnest(...). */
final class SqlArrays {

    private SqlArrays() {
    }

    static <T> SqlValue integers(List<T> rows, Function<T, Integer> column) {
        return array("int4", rows.stream().map(column).toArray(Integer[]::new));
    }

    static <T> SqlValue longs(List<T> rows, Function<T, Long> column) {
        return array("int8", rows.stream().map(column).toArray(Long[]::new));
    }

    static <T> SqlValue texts(List<T> rows, Function<T, String> column) {
        return array("text", rows.stream().map(column).toArray(String[]::new));
    }

    /** Instants as ISO 8601 text: cast them in SQL with CAST(:name AS timestamptz[]). */
    static <T> SqlValue instants(List<T> rows, Function<T, Instant> column) {
        return array("text", rows.stream().map(column).map(Instant::toString).toArray(String[]::new));
    }

    private static SqlValue array(String elementType, Object[] elements) {
        return new SqlValue() {
            private Array array;

            @Override
            public void setValue(PreparedStatement statement, int index) throws SQLException {
                array = statement.getConnection().createArrayOf(elementType, elements);
                statement.setArray(index, array);
            }

            @Override
            public void cleanup() {
                if (array != null) {
                    try {
                        array.free();
                    } catch (SQLException ignored) {
                        // freeing a client-side array cannot fail in a way that matters
                    }
                }
            }
        };
    }
}
