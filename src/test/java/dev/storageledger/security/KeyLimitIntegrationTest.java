package dev.storageledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.LedgerProperties;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What a customer's key did from outside: issue keys, 300 of them. A customer holds at most its limit of keys; one
 * more is refused with 409 naming the limit, also when many are asked for at once, and revoking one makes room.
 */
class KeyLimitIntegrationTest extends IntegrationTest {

    @Autowired
    private LedgerProperties properties;

    @Test
    void a_customer_holds_no_more_than_its_limit_of_keys_however_many_are_asked_for_at_once() throws Exception {
        int limit = properties.perCustomer().maxKeys();
        int customer = newCustomerId();
        given.customer(customer);
        String keys = "/customers/" + customer + "/keys";
        JsonNode first = admin().post(keys, null).json();
        LedgerClient key = as(first.get("key").asString(), first.get("secret").asString());
        for (int issued = 1; issued < limit - 10; issued++) {
            assertThat(key.post(keys, null).status()).isEqualTo(201);
        }

        List<LedgerClient.Response> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<LedgerClient.Response>> asked = new ArrayList<>();
            for (int call = 0; call < 30; call++) {
                asked.add(callers.submit(() -> key.post(keys, null)));
            }
            for (Future<LedgerClient.Response> answer : asked) {
                answers.add(answer.get());
            }
        }

        assertThat(answers.stream().filter(answer -> answer.status() == 201)).as("issued at once").hasSize(10);
        assertThat(answers.stream().filter(answer -> answer.status() != 201)).as("refused").hasSize(20).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.json().get("detail").asString()).isEqualTo("Customer " + customer + " has " + limit + " keys, the most "
                    + "one customer may have (the limit of keys per customer is " + limit + "): revoke one before issuing another");
        });
        assertThat(key.get(keys).json().get("totalItems").asInt()).isEqualTo(limit);
        assertThat(admin().post(keys, null).status()).as("the administrator is held to it too").isEqualTo(409);

        String other = answers.stream().filter(answer -> answer.status() == 201).findFirst().orElseThrow().json().get("key").asString();
        assertThat(key.delete(keys + "/" + other).status()).isEqualTo(204);
        assertThat(key.post(keys, null).status()).as("a revoked key's place").isEqualTo(201);
    }
}
