package dev.storageledger.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storageledger.failure.Failure;
import org.junit.jupiter.api.Test;

/** One address, one form: compatibility forms become the plain address, and lookalikes are refused. */
class EmailsTest {

    @Test
    void a_plain_address_is_kept_as_it_is_and_compatibility_forms_become_it() {
        assertThat(Emails.normalise("Ursula@Example.org")).isEqualTo("Ursula@Example.org");
        assertThat(Emails.normalise("\uFF55rsula@example.org")).isEqualTo("ursula@example.org");
        assertThat(Emails.normalise("\uFB01le@example.org")).as("the ligature fi").isEqualTo("file@example.org");
    }

    @Test
    void an_address_in_one_script_per_part_or_a_mix_real_addresses_use_is_kept() {
        assertThat(Emails.normalise("\u0438\u0432\u0430\u043D@\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444")).isNotNull();
        assertThat(Emails.normalise("\u0438\u0432\u0430\u043D.2024@example.org")).as("Cyrillic, digits and Latin apart").isNotNull();
        assertThat(Emails.normalise("\u5C71\u7530\u305F\u308D\u3046abc@example.jp")).as("Han, kana and Latin").isNotNull();
        assertThat(Emails.normalise("caf\u0065\u0301@example.org")).as("a combining accent").isEqualTo("caf\u00E9@example.org");
    }

    @Test
    void invisible_control_and_unassigned_characters_are_refused_naming_them() {
        assertRefused("ursula\u200B@example.org", "email: must not contain an invisible character (U+200B, at character 6)");
        assertRefused("urs\u200Dula@example.org", "U+200D");
        assertRefused("\uFEFFursula@example.org", "U+FEFF");
        assertRefused("ursula@exa\u0001mple.org", "a control character (U+0001");
        assertRefused("ursula@example.org\u0378", "an unassigned character (U+0378");
    }

    @Test
    void a_local_part_or_a_domain_that_mixes_scripts_is_refused_naming_them() {
        assertRefused("p\u0430ypal@example.org", "email: its local part must be written in one script, not mix Latin and Cyrillic");
        assertRefused("paypal@p\u0430ypal.com", "email: its domain must be written in one script, not mix Latin and Cyrillic");
        assertRefused("\u03B1lpha@example.org", "Latin and Greek");
    }

    @Test
    void an_address_whose_nfkc_form_is_longer_than_an_address_may_be_is_refused() {
        // The square "rad/s2" is six characters in NFKC: 72 characters given, 372 kept.
        String email = "\u33AF".repeat(60) + "@example.org";
        assertThat(email.length()).isLessThan(Emails.MAXIMUM_LENGTH);

        assertRefused(email, "email: must have at most 320 characters in its NFKC form");
    }

    private static void assertRefused(String email, String detail) {
        assertThatThrownBy(() -> Emails.normalise(email)).isInstanceOfSatisfying(Failure.class,
                failure -> assertThat(failure.detail()).contains(detail));
    }
}
