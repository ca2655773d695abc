package dev.storageledger.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures are the database's, and which kind each is, under whatever Spring and the pool wrap them in. */
class DatabaseFailureTest {

    private final SQLErrorCodeSQLExceptionTranslator spring = new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");

    @Test
    void a_full_disk_is_told_apart_from_a_database_that_cannot_be_reached() {
        assertThat(DatabaseFailure.of(spring.translate("INSERT", "INSERT INTO asset ...", sqlState("53100"))))
                .hasValueSatisfying(failure -> {
                    assertThat(failure.kind()).isEqualTo(DatabaseFailure.Kind.DISK_FULL);
                    assertThat(failure.description()).isEqualTo("The ledger's database has no room left on its disk");
                    assertThat(failure.cause()).startsWith("SQLState 53100: ");
                });
        assertThat(DatabaseFailure.of(sqlState("53200")).orElseThrow().kind()).isEqualTo(DatabaseFailure.Kind.OUT_OF_RESOURCES);
        assertThat(DatabaseFailure.of(sqlState("53300")).orElseThrow().kind()).isEqualTo(DatabaseFailure.Kind.OUT_OF_RESOURCES);
    }

    @Test
    void a_refused_lost_or_shut_down_connection_is_unreachable() {
        assertThat(DatabaseFailure.of(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new PSQLException("Connection to localhost:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException()))))
                .hasValueSatisfying(failure -> assertThat(failure.kind()).isEqualTo(DatabaseFailure.Kind.UNREACHABLE));
        assertThat(DatabaseFailure.of(new DataAccessResourceFailureException("commit", sqlState("08006"))).orElseThrow().kind())
                .isEqualTo(DatabaseFailure.Kind.UNREACHABLE);
        assertThat(DatabaseFailure.of(sqlState("57P01")).orElseThrow().kind()).isEqualTo(DatabaseFailure.Kind.UNREACHABLE);
        assertThat(DatabaseFailure.of(new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("ledger - Connection is not available, request timed out after 2000ms", "08001",
                        sqlState("08001")))).orElseThrow().kind()).isEqualTo(DatabaseFailure.Kind.UNREACHABLE);
    }

    @Test
    void a_pool_that_ran_out_of_connections_while_the_database_answers_is_busy_and_a_schema_not_migrated_is_starting() {
        assertThat(DatabaseFailure.of(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("ledger - Connection is not available, request timed out after 2000ms"))).orElseThrow()
                .kind()).isEqualTo(DatabaseFailure.Kind.BUSY);
        assertThat(DatabaseFailure.of(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", new DatabaseNotReadyException()))
                .orElseThrow().kind()).isEqualTo(DatabaseFailure.Kind.STARTING);
    }

    @Test
    void a_failure_of_the_request_itself_is_no_failure_of_the_database() {
        assertThat(DatabaseFailure.of(new DataIntegrityViolationException("duplicate", sqlState("23505")))).isEmpty();
        assertThat(DatabaseFailure.of(sqlState("40001"))).isEmpty();
        assertThat(DatabaseFailure.of(new IllegalStateException("a bug"))).isEmpty();
    }

    @Test
    void a_client_whose_body_stopped_coming_is_no_failure_of_the_database_though_its_socket_failed_alike() {
        assertThat(DatabaseFailure.of(new UncheckedIOException("reading the request body", new SocketTimeoutException("Read timed out"))))
                .isEmpty();
        assertThat(DatabaseFailure.of(new IllegalStateException("the body ended early", new EOFException()))).isEmpty();
        assertThat(DatabaseFailure.of(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLException("the driver's words", new SocketTimeoutException("Read timed out")))).orElseThrow().kind())
                .isEqualTo(DatabaseFailure.Kind.UNREACHABLE);
    }

    private static SQLException sqlState(String state) {
        return new SQLException("the driver's message for " + state, state);
    }
}
