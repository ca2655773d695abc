package dev.storageledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** The documented environment variables map onto LedgerProperties, and the defaults are those of api.md. */
class LedgerPropertiesTest {

    @Test
    void without_any_variable_the_defaults_of_api_md_apply() throws IOException {
        LedgerProperties properties = bind(Map.of());

        assertThat(properties.db().external()).isFalse();
        assertThat(properties.dataDir().normalize()).isEqualTo(Path.of("data"));
        assertThat(properties.publicUrl()).isEmpty();
        assertThat(properties.admin().key()).isEqualTo("admin");
        assertThat(properties.admin().secretConfigured()).isFalse();
        assertThat(properties.defaultPolicy().maximumNumberOfStoredImages()).isEqualTo(1_000_000_000L);
        assertThat(properties.defaultPolicy().maximumTotalSizeOfStoredImages()).isEqualTo(1_125_899_906_842_624L);
    }

    @Test
    void each_documented_variable_sets_its_property() throws IOException {
        LedgerProperties properties = bind(Map.of(
                "LEDGER_DB_URL", "jdbc:postgresql://db.example:5432/ledger",
                "LEDGER_DB_USER", "ledger",
                "LEDGER_DB_PASSWORD", "pw",
                "LEDGER_DATA_DIR", "/var/lib/ledger",
                "LEDGER_PUBLIC_URL", "https://api.example",
                "LEDGER_ADMIN_KEY", "root",
                "LEDGER_ADMIN_SECRET", "s3cret",
                "LEDGER_DEFAULT_MAX_IMAGES", "5",
                "LEDGER_DEFAULT_MAX_SIZE", "6"));

        assertThat(properties.db()).isEqualTo(new LedgerProperties.Database("jdbc:postgresql://db.example:5432/ledger", "ledger", "pw"));
        assertThat(properties.db().external()).isTrue();
        assertThat(properties.dataDir()).isEqualTo(Path.of("/var/lib/ledger"));
        assertThat(properties.publicUrl()).isEqualTo("https://api.example");
        assertThat(properties.admin()).isEqualTo(new LedgerProperties.Admin("root", "s3cret"));
        assertThat(properties.defaultPolicy()).isEqualTo(new LedgerProperties.DefaultPolicy(5, 6));
    }

    private static LedgerProperties bind(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-environment", variables));
        new PropertiesPropertySourceLoader().load("application", new ClassPathResource("application.properties"))
                .forEach(environment.getPropertySources()::addLast);
        ConfigurationPropertySources.attach(environment);
        return Binder.get(environment).bind("ledger", LedgerProperties.class).get();
    }
}
