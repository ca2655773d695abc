package dev.storageledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.LedgerProperties;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What a customer's key did from outside: start recalculations as fast as it could (200 in 2 s). A customer has at
 * most its limit of recalculations and reconciliations queued or running; more are refused with 429 naming the limit,
 * also when they all come at once, and the room comes back as its jobs finish.
 */
class JobLimitIntegrationTest extends IntegrationTest {

    /** Recalculations take turns on this advisory lock (RecalculationRepository): held here, they wait, unfinished. */
    private static final String RECALCULATIONS_TURN = "(1279607879, 0)";

    @Autowired
    private LedgerProperties properties;

    @Autowired
    private DataSource dataSource;

    @Test
    void a_customer_gets_no_more_than_its_limit_of_unfinished_recalculations_however_fast_it_asks() throws Exception {
        int limit = properties.perCustomer().maxJobs();
        int customer = newCustomerId();
        int neighbour = newCustomerId();
        given.customer(customer);
        given.customer(neighbour);
        LedgerClient key = keyOf(customer);
        String path = "/customers/" + customer + "/storage/recalculations";
        List<LedgerClient.Response> answers = new ArrayList<>();
        LedgerClient.Response neighbours;

        try (Connection turn = dataSource.getConnection(); Statement statement = turn.createStatement()) {
            statement.execute("SELECT pg_advisory_lock" + RECALCULATIONS_TURN);
            try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<LedgerClient.Response>> started = new ArrayList<>();
                for (int call = 0; call < limit * 3; call++) {
                    started.add(callers.submit(() -> key.post(path, null)));
                }
                for (Future<LedgerClient.Response> answer : started) {
                    answers.add(answer.get());
                }
            }
            neighbours = admin().post("/customers/" + neighbour + "/storage/recalculations", null);
            statement.execute("SELECT pg_advisory_unlock" + RECALCULATIONS_TURN);
        }

        assertThat(answers.stream().filter(answer -> answer.status() == 202)).as("accepted").hasSize(limit);
        List<LedgerClient.Response> refused = answers.stream().filter(answer -> answer.status() != 202).toList();
        assertThat(refused).as("refused").hasSize(limit * 2).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("detail").asString()).contains("Customer " + customer + " has " + limit
                    + " recalculations and reconciliations queued or running").contains("limit of jobs per customer is " + limit);
        });
        assertThat(neighbours.status()).as("another customer's room is its own").isEqualTo(202);

        for (LedgerClient.Response accepted : answers.stream().filter(answer -> answer.status() == 202).toList()) {
            assertThat(awaitFinished(key, accepted).get("state").asString()).isEqualTo("succeeded");
        }
        LedgerClient.Response again = key.post(path, null);
        assertThat(again.status()).as("once its jobs have finished: %s", again.body()).isEqualTo(202);
        awaitFinished(key, again);
    }

    private LedgerClient keyOf(int customer) {
        JsonNode issued = admin().post("/customers/" + customer + "/keys", null).json();
        return as(issued.get("key").asString(), issued.get("secret").asString());
    }

    private static JsonNode awaitFinished(LedgerClient client, LedgerClient.Response started) throws Exception {
        String location = started.header("Location");
        String path = location.substring(location.indexOf("/", "http://".length()));
        return Poll.until(() -> client.get(path).json(), job -> !job.get("state").asString().matches("queued|running"),
                Duration.ofSeconds(120));
    }
}
