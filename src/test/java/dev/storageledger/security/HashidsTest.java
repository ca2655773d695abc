package dev.storageledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Hashids against the examples that the algorithm's implementations publish (hashids.org's JavaScript README,
 * go-hashids' README and tests, the PostgreSQL extension's expected output, the Rust crate's README): an
 * implementation that writes them differently would not read Cloudreve's ids.
 */
class HashidsTest {

    private static final String SALT = "this is my salt";

    @Test
    void the_published_examples_with_the_default_alphabet_are_written_as_published() {
        assertThat(new Hashids(SALT).encode(12345)).isEqualTo("NkK9");
        assertThat(new Hashids(SALT).encode(1, 2, 3)).isEqualTo("laHquq");
        assertThat(new Hashids(SALT).encode(683, 94108, 123, 5)).isEqualTo("aBMswoO2UB3Sj");
        assertThat(new Hashids(SALT).encode(45, 434, 1313, 99)).isEqualTo("7nnhzEsDkiYa");
        assertThat(new Hashids(SALT).encode(666555444333222L)).isEqualTo("KVO9yy1oO5j");
        assertThat(new Hashids("").encode(1)).isEqualTo("jR");
        assertThat(new Hashids("").encode(1001)).isEqualTo("jNl");
        assertThat(new Hashids("Arbitrary string").encode(1, 2, 3)).isEqualTo("neHrCa");
        assertThat(new Hashids("This is my salt").encode(1234567)).isEqualTo("Pdzxp");
    }

    @Test
    void a_minimum_length_pads_with_guards_and_the_shuffled_alphabet() {
        assertThat(new Hashids(SALT, 30, Hashids.DEFAULT_ALPHABET).encode(45, 434, 1313, 99))
                .isEqualTo("woQ2vqjnG7nnhzEsDkiYadKa3O71br");
        assertThat(new Hashids(SALT, 8, Hashids.DEFAULT_ALPHABET).encode(1)).isEqualTo("gB0NV05e");
        assertThat(new Hashids("This is my salt", 10, Hashids.DEFAULT_ALPHABET).encode(1234567)).isEqualTo("PlRPdzxpR7");
    }

    @Test
    void a_custom_alphabet_with_few_separators_takes_more_from_the_alphabet() {
        assertThat(new Hashids("This is my salt", 10, "abcdefghijABCDxFGHIJ1234567890").encode(1234567)).isEqualTo("3GJ956J9B9");
    }

    @Test
    void each_published_hash_decodes_to_its_numbers() {
        assertThat(new Hashids(SALT).decode("NkK9")).hasValueSatisfying(numbers -> assertThat(numbers).containsExactly(12345));
        assertThat(new Hashids(SALT).decode("aBMswoO2UB3Sj"))
                .hasValueSatisfying(numbers -> assertThat(numbers).containsExactly(683, 94108, 123, 5));
        assertThat(new Hashids(SALT, 30, Hashids.DEFAULT_ALPHABET).decode("woQ2vqjnG7nnhzEsDkiYadKa3O71br"))
                .hasValueSatisfying(numbers -> assertThat(numbers).containsExactly(45, 434, 1313, 99));
        assertThat(new Hashids("This is my salt", 10, "abcdefghijABCDxFGHIJ1234567890").decode("3GJ956J9B9"))
                .hasValueSatisfying(numbers -> assertThat(numbers).containsExactly(1234567));
    }

    @Test
    void a_hash_of_another_salt_or_with_a_foreign_character_or_too_large_a_number_decodes_to_nothing() {
        assertThat(new Hashids("this is my pepper").decode("NkK9")).isEmpty();
        assertThat(new Hashids(SALT).decode("NkK9!")).isEmpty();
        assertThat(new Hashids(SALT).decode("")).isEmpty();
        assertThat(new Hashids(SALT).decode("N" + "k".repeat(40))).isEmpty();
        // The published hash with a character changed is no hash that encoding writes.
        assertThat(new Hashids(SALT).decode("laHqua")).isEmpty();
    }

    @Test
    void every_pair_of_a_user_id_and_its_type_decodes_back_to_itself() {
        Hashids cloudreve = new Hashids("a Cloudreve site's salt");
        for (long user = 0; user < 5000; user++) {
            long id = user;
            assertThat(cloudreve.decode(cloudreve.encode(user, 1))).hasValueSatisfying(numbers -> assertThat(numbers).containsExactly(id, 1));
        }
    }

    @Test
    void negative_numbers_and_short_alphabets_are_refused() {
        assertThatThrownBy(() -> new Hashids(SALT).encode(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hashids(SALT, 0, "abcdefghijklmno")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Hashids(SALT, 0, "aabcdefghijklmnopq")).isInstanceOf(IllegalArgumentException.class);
    }
}
