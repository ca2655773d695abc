package dev.storageledger.account;

import static dev.storageledger.support.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.LedgerClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An email is kept, and looked up at login, in its NFKC form; one that holds invisible or control characters, or that
 * mixes scripts in its local part or its domain (a Cyrillic 'а' among Latin letters), is refused with 400 naming the
 * field, so that no user can be made to look like another.
 */
class EmailNormalisationIntegrationTest extends IntegrationTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void an_email_with_an_invisible_or_control_character_is_refused_naming_it() {
        int customer = newCustomerId();
        given.customer(customer);

        for (String invisible : new String[] {"\u200B", "\u200D", "\uFEFF", "\u00AD", "\u0007"}) {
            String email = "ur" + invisible + "sula-" + customer + "@example.org";
            LedgerClient.Response answer = admin().put("/customers/" + customer + "/users/ursula", object("name", "Ursula", "email", email));

            String code = String.format("U+%04X", (int) invisible.charAt(0));
            assertThat(answer.status()).as(code + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.json().get("detail").stringValue()).as(code).startsWith("email: ").contains(code);
        }
        assertThat(admin().get("/customers/" + customer + "/users/ursula").status()).isEqualTo(404);
    }

    @Test
    void an_email_that_mixes_scripts_in_its_local_part_or_its_domain_is_refused() {
        int customer = newCustomerId();
        given.customer(customer);

        // Cyrillic 'а' (U+0430) among Latin letters, in the local part, then in the domain.
        for (String email : new String[] {"p\u0430ypal-" + customer + "@example.org", "paypal-" + customer + "@ex\u0430mple.org"}) {
            LedgerClient.Response answer = admin().put("/customers/" + customer + "/users/mixed", object("name", "Mixed", "email", email));

            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.json().get("detail").stringValue()).startsWith("email: ").contains("Latin", "Cyrillic");
        }
    }

    @Test
    void an_email_in_one_script_per_part_is_kept_and_a_compatibility_form_is_kept_as_its_nfkc_one() {
        int customer = newCustomerId();
        given.customer(customer);

        String cyrillic = "\u0438\u0432\u0430\u043D-" + customer + "@example.org";
        assertThat(admin().put("/customers/" + customer + "/users/ivan", object("name", "Ivan", "email", cyrillic)).status())
                .isEqualTo(201);
        // Fullwidth Latin letters: their NFKC form is plain Latin.
        String fullwidth = "\uFF55\uFF52\uFF53\uFF55\uFF4C\uFF41-" + customer + "@example.org";
        LedgerClient.Response created = admin().put("/customers/" + customer + "/users/ursula",
                object("name", "Ursula", "email", fullwidth, "password", PASSWORD));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("email").stringValue()).isEqualTo("ursula-" + customer + "@example.org");
        // Their login by either form is the same account.
        assertThat(signIn(fullwidth, PASSWORD).get("code").asInt()).isZero();
        assertThat(signIn("ursula-" + customer + "@example.org", PASSWORD).get("code").asInt()).isZero();
        // And the plain form is taken by it.
        assertThat(admin().put("/customers/" + customer + "/users/other", object("name", "Other", "email",
                "URSULA-" + customer + "@example.org")).status()).isEqualTo(409);
    }

    @Test
    void a_login_with_a_lookalike_email_is_a_parameter_error_naming_the_email() {
        JsonNode answer = signIn("\u0430dmin@example.org", PASSWORD);

        assertThat(answer.get("code").asInt()).as(answer.toString()).isEqualTo(40001);
        assertThat(answer.get("msg").stringValue()).contains("email: ");
    }

    private JsonNode signIn(String email, String password) {
        return anonymous().from("127.0.0.49").post("/api/v4/session/token", object("email", email, "password", password)).json();
    }
}
