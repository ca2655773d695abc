package dev.storageledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storageledger.SettingsException;
import dev.storageledger.LedgerProperties;
import dev.storageledger.TokenSettings;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.jwt.BadJwtException;

/** The service does not start with a Cloudreve site half configured, or with a secret too short for HS256. */
class CloudreveTokenSettingsTest {

    private static final String SECRET = "x".repeat(CloudreveTokens.MINIMUM_SECRET_BYTES);

    @Test
    void some_but_not_all_three_settings_stop_the_start_naming_them() {
        assertThatThrownBy(() -> tokens(Map.of("LEDGER_CLOUDREVE_SECRET", SECRET, "LEDGER_CLOUDREVE_CUSTOMER", "7")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("LEDGER_CLOUDREVE_HASHID_SALT")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> tokens(Map.of("LEDGER_CLOUDREVE_HASHID_SALT", "salt"))).isInstanceOf(SettingsException.class);
    }

    @Test
    void a_secret_shorter_than_32_bytes_stops_the_start() {
        assertThatThrownBy(() -> tokens(Map.of("LEDGER_CLOUDREVE_SECRET", SECRET.substring(1), "LEDGER_CLOUDREVE_HASHID_SALT", "salt",
                "LEDGER_CLOUDREVE_CUSTOMER", "7")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("31 bytes");
        assertThat(tokens(Map.of("LEDGER_CLOUDREVE_SECRET", SECRET, "LEDGER_CLOUDREVE_HASHID_SALT", "salt",
                "LEDGER_CLOUDREVE_CUSTOMER", "7"))).isNotNull();
    }

    @Test
    void without_the_settings_an_hs256_token_is_refused_and_every_other_goes_to_the_ledgers_decoder() {
        CloudreveTokens off = tokens(Map.of());
        String hs256 = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
        String rs256 = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

        assertThatThrownBy(() -> off.decoder(token -> {
            throw new AssertionError("an HS256 token reached the ledger's own decoder");
        }).decode(hs256)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> off.decoder(token -> {
            throw new BadJwtException("the ledger's own decoder had " + token);
        }).decode(rs256)).hasMessage("the ledger's own decoder had " + rs256);
    }

    private static CloudreveTokens tokens(Map<String, Object> variables) {
        return new CloudreveTokens(bind(variables).tokens(), null);
    }

    private static LedgerProperties bind(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-environment", variables));
        try {
            new PropertiesPropertySourceLoader().load("application", new ClassPathResource("application.properties"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ConfigurationPropertySources.attach(environment);
        return Binder.get(environment).bind("ledger", LedgerProperties.class).get();
    }
}
