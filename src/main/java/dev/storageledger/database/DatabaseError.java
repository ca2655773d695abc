package dev.storageledger.database;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What PostgreSQL answered when it refused a statement: its SQLState and, when a constraint refused it, the
 * constraint's name and table. A service turns a refusal into an answer only when it is the one it expects (the
 * foreign key that a concurrent delete broke, the unique index a duplicate hit); any other is unexpected.
 *
 * @param sqlState   the SQLState, or null when the failure carries no SQL error
 * @param constraint the violated constraint, or null
 * @param table      the constraint's table, or null
 */
public record DatabaseError(String sqlState, String constraint, String table) {

    /** integrity_constraint_violation: foreign_key_violation. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    /** integrity_constraint_violation: unique_violation. */
    public static final String UNIQUE_VIOLATION = "23505";

    /** The SQL error behind a failure (the first SQLException among its causes). */
    public static DatabaseError of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PSQLException postgres && postgres.getServerErrorMessage() != null) {
                ServerErrorMessage message = postgres.getServerErrorMessage();
                return new DatabaseError(postgres.getSQLState(), message.getConstraint(), message.getTable());
            }
            if (cause instanceof SQLException sql) {
                return new DatabaseError(sql.getSQLState(), null, null);
            }
        }
        return new DatabaseError(null, null, null);
    }

    /** Whether the statement broke the foreign key {@code name}: what it references is gone. */
    public boolean isForeignKey(String name) {
        return FOREIGN_KEY_VIOLATION.equals(sqlState) && name.equals(constraint);
    }

    /** Whether the statement broke the unique constraint or unique index {@code name}. */
    public boolean isUnique(String name) {
        return UNIQUE_VIOLATION.equals(sqlState) && name.equals(constraint);
    }

    /**
     * One line for the log: the SQLState and the constraint, never the statement's values (a refused row may hold a
     * password's hash).
     */
    public String summary() {
        if (sqlState == null) {
            return "no SQL error";
        }
        return "SQLState " + sqlState + (constraint == null ? "" : ", constraint " + constraint)
                + (table == null ? "" : " of table " + table);
    }
}
