package dev.storageledger.ledger.writer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.Json;
import dev.storageledger.support.LedgerClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A write whose customer's totals row another transaction holds locked waits for it no longer than LEDGER_LOCK_TIMEOUT
 * (2 s), and is answered 503 with Retry-After, saying that the lock was not granted and that nothing was applied.
 */
class LockTimeoutIntegrationTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void a_write_behind_a_lock_held_too_long_is_answered_503_not_applied_and_the_write_after_the_lock_is_applied() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        LedgerClient.Response answer;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM customer WHERE id = ? FOR UPDATE")) {
                lock.setInt(1, customer);
                lock.executeQuery().close();
            }
            answer = admin().put("/customers/" + customer + "/spaces/1/images/a", Json.object("size", 10));
            holder.rollback();
        }

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(answer.json().get("detail").asString())
                .isEqualTo("The ledger's database did not grant a lock within 2000 ms (another transaction held it); nothing was applied");
        assertThat(jdbc.sql("SELECT count(*) FROM asset WHERE customer = :customer").param("customer", customer).query(Long.class).single())
                .isZero();
        assertThat(admin().put("/customers/" + customer + "/spaces/1/images/a", Json.object("size", 10)).status()).isEqualTo(201);
    }
}
