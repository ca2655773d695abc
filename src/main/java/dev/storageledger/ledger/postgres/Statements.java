package dev.storageledger.ledger.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ledger's statements, each whole in a file under {@code sql/ledger/} that reads and runs in psql (its parameters
 * named, {@code :name}, as NamedParameterJdbcTemplate and JdbcClient bind them, and psql's {@code \set} fills them).
 * Each is read once, into a constant of the repository that runs it.
 */
final class Statements {

    private static final String FOLDER = "sql/ledger/";

    private Statements() {
    }

    /** The statement of {@code sql/ledger/<name>.sql}, without its closing semicolon (so that statements can be joined). */
    static String load(String name) {
        String path = FOLDER + name + ".sql";
        try (InputStream in = Statements.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the statement " + path + " is not on the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException("the statement " + path + " could not be read", e);
        }
    }

    /**
     * Statements sent together, in one round trip, as one script: they still run one after the other, each with its
     * own snapshot, and answer one result each, in order.
     */
    static String script(List<String> statements) {
        return statements.stream().collect(Collectors.joining(";\n"));
    }
}
