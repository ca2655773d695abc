package dev.storageledger.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.storageledger.support.IntegrationTest;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The pool and the driver as application.properties sets them up: fast to fail while the database is down. */
class DatabaseSettingsIntegrationTest extends IntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void the_pool_waits_2_seconds_for_a_connection_makes_them_on_demand_and_starts_without_the_database() throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);

        assertThat(pool.getPoolName()).isEqualTo("ledger");
        assertThat(pool.getConnectionTimeout()).isEqualTo(2_000);
        assertThat(pool.getValidationTimeout()).isEqualTo(1_000);
        assertThat(pool.getMinimumIdle()).isZero();
        assertThat(pool.getInitializationFailTimeout()).isEqualTo(-1);
        assertThat(pool.getDataSourceProperties()).containsEntry("connectTimeout", "2").containsEntry("loginTimeout", "3")
                .containsEntry("socketTimeout", "4").containsEntry("options", "-c statement_timeout=3000")
                .containsEntry("tcpKeepAlive", "true");
    }

    @Test
    void a_request_s_connection_gives_up_on_a_silent_socket_after_4_seconds_and_the_database_cancels_a_statement_after_3()
            throws Exception {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(4_000);
            assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(3.5)")).isInstanceOf(SQLException.class)
                    .satisfies(failure -> assertThat(((SQLException) failure).getSQLState()).isEqualTo("57014"));
        }
    }

    @Test
    void long_work_gets_an_hour_for_its_statements_and_the_connection_gets_the_request_timeouts_back_afterwards() throws Exception {
        LongStatements.run(() -> {
            try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
                 var timeout = statement.executeQuery("SHOW statement_timeout")) {
                assertThat(connection.getNetworkTimeout()).isEqualTo(3_600_000);
                assertThat(timeout.next()).isTrue();
                assertThat(timeout.getString(1)).isEqualTo("1h");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        // The pool hands a thread back the connection it returned last: the one the long work had.
        try (var again = dataSource.getConnection(); var statement = again.createStatement();
             var timeout = statement.executeQuery("SHOW statement_timeout")) {
            assertThat(again.getNetworkTimeout()).isEqualTo(4_000);
            assertThat(timeout.next()).isTrue();
            assertThat(timeout.getString(1)).isEqualTo("3s");
        }
    }
}
