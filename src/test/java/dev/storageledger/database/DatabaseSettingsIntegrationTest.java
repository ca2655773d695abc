package dev.storageledger.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.storageledger.support.IntegrationTest;
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
                .containsEntry("socketTimeout", "120").containsEntry("tcpKeepAlive", "true");
    }

    @Test
    void a_connection_gives_up_on_a_silent_socket_after_120_seconds() throws Exception {
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(120_000);
        }
    }
}
