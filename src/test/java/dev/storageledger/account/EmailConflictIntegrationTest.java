package dev.storageledger.account;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.Given;
import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Emails are unique across customers, since users log in with them, so a customer's key that picks a taken email gets
 * 409. The answer is the same whoever has it, in the same customer or another: it never says that the email exists,
 * nor which tenant, or which of its users, has it.
 */
class EmailConflictIntegrationTest extends IntegrationTest {

    @Test
    void an_email_of_another_customers_user_is_refused_without_saying_whose_it_is() {
        int ours = newCustomerId();
        int theirs = newCustomerId();
        given.customer(ours);
        given.customer(theirs);
        String taken = "private-" + UUID.randomUUID() + "@example.org";
        given.user(theirs, "their-user", object("email", taken));

        for (LedgerClient caller : new LedgerClient[] {customerKey(ours), admin()}) {
            LedgerClient.Response answer = caller.put("/customers/" + ours + "/users/newcomer",
                    object("name", "Newcomer", "email", taken.toUpperCase(Locale.ROOT)));

            assertThat(answer.status()).as(answer.body()).isEqualTo(409);
            String detail = answer.json().get("detail").stringValue();
            assertThat(detail).isEqualTo("email: the email '" + taken.toUpperCase(Locale.ROOT) + "' cannot be used; choose another");
            assertThat(answer.body()).doesNotContain(String.valueOf(theirs), "their-user", "another user");
        }
        assertThat(admin().get("/customers/" + ours + "/users/newcomer").status()).isEqualTo(404);
    }

    @Test
    void an_email_of_a_user_of_the_same_customer_is_refused_in_the_same_words() {
        int customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "first");

        LedgerClient.Response answer = customerKey(customer).put("/customers/" + customer + "/users/second",
                object("name", "Second", "email", Given.email(customer, "first")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.json().get("detail").stringValue()).isEqualTo("email: the email '" + Given.email(customer, "first")
                + "' cannot be used; choose another");
    }

    @Test
    void an_email_that_only_looks_like_a_taken_one_is_refused_as_malformed_not_as_taken() {
        int ours = newCustomerId();
        int theirs = newCustomerId();
        given.customer(ours);
        given.customer(theirs);
        given.user(theirs, "holder", object("email", "holder-" + theirs + "@example.org"));

        // A Cyrillic 'е' in place of the Latin 'e': neither accepted as a new address nor told apart from any other.
        LedgerClient.Response answer = customerKey(ours).put("/customers/" + ours + "/users/lookalike",
                object("name", "Lookalike", "email", "hold\u0435r-" + theirs + "@example.org"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("detail").stringValue()).startsWith("email: ").contains("one script");
    }

    @Test
    void a_user_keeps_their_own_email_when_saved_again() {
        int customer = newCustomerId();
        given.customer(customer);
        given.user(customer, "same");

        LedgerClient.Response answer = customerKey(customer).put("/customers/" + customer + "/users/same",
                object("name", "Renamed", "email", Given.email(customer, "same")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private LedgerClient customerKey(int customer) {
        JsonNode issued = admin().post("/customers/" + customer + "/keys", null).json();
        return as(issued.get("key").stringValue(), issued.get("secret").stringValue());
    }
}
