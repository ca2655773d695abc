package dev.storageledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

/** The documented environment variables map onto LedgerProperties, and the defaults are those of api.md. */
class LedgerPropertiesTest {

    @Test
    void without_any_variable_the_defaults_of_api_md_apply() throws IOException {
        LedgerProperties properties = bind(Map.of());

        assertThat(properties.db().external()).isFalse();
        assertThat(properties.db().embeddedAllowRoot()).isFalse();
        assertThat(properties.dataDir().normalize()).isEqualTo(Path.of("data"));
        assertThat(properties.publicUrl()).isEmpty();
        assertThat(properties.admin().key()).isEqualTo("admin");
        assertThat(properties.admin().secretConfigured()).isFalse();
        assertThat(properties.defaultPolicy().maximumNumberOfStoredImages()).isEqualTo(1_000_000_000L);
        assertThat(properties.defaultPolicy().maximumTotalSizeOfStoredImages()).isEqualTo(1_125_899_906_842_624L);
        assertThat(properties.tokens().accessTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.tokens().refreshTtl()).isEqualTo(Duration.ofDays(14));
        assertThat(properties.tokens().external().configured()).isFalse();
        assertThat(properties.tokens().external().roleClaim()).isEqualTo("roles");
        assertThat(properties.tokens().external().customerClaim()).isEqualTo("customer");
        assertThat(properties.tokens().audience()).isEqualTo("storage-ledger");
        assertThat(properties.tokens().keyEncryptionKeyConfigured()).isFalse();
        assertThat(properties.tokens().keyRotation()).isEqualTo(Duration.ofDays(30));
        assertThat(properties.storage().filesystem()).isFalse();
        assertThat(properties.storage().s3().configured()).isFalse();
        assertThat(properties.storage().layout()).isEqualTo("{customer}/{space}/{asset}/");
        assertThat(properties.storage().thumbnailLayout()).isEqualTo("thumbs/{customer}/{space}/{asset}/");
        assertThat(properties.storage().s3().region()).isEqualTo("us-east-1");
        assertThat(properties.recalculation().cron()).isEqualTo("0 30 3 * * *");
    }

    @Test
    void each_documented_variable_sets_its_property() throws IOException {
        LedgerProperties properties = bind(Map.ofEntries(
                Map.entry("LEDGER_DB_URL", "jdbc:postgresql://db.example:5432/ledger"),
                Map.entry("LEDGER_DB_USER", "ledger"),
                Map.entry("LEDGER_DB_PASSWORD", "pw"),
                Map.entry("LEDGER_EMBEDDED_DB_ALLOW_ROOT", "true"),
                Map.entry("LEDGER_DATA_DIR", "/var/lib/ledger"),
                Map.entry("LEDGER_PUBLIC_URL", "https://api.example"),
                Map.entry("LEDGER_ADMIN_KEY", "root"),
                Map.entry("LEDGER_ADMIN_SECRET", "s3cret"),
                Map.entry("LEDGER_DEFAULT_MAX_IMAGES", "5"),
                Map.entry("LEDGER_DEFAULT_MAX_SIZE", "6"),
                Map.entry("LEDGER_ACCESS_TOKEN_TTL", "30m"),
                Map.entry("LEDGER_REFRESH_TOKEN_TTL", "2d"),
                Map.entry("LEDGER_EXTERNAL_ISSUER", "https://idp.example"),
                Map.entry("LEDGER_EXTERNAL_JWKS_URL", "https://idp.example/keys"),
                Map.entry("LEDGER_EXTERNAL_ROLE_CLAIM", "groups"),
                Map.entry("LEDGER_EXTERNAL_CUSTOMER_CLAIM", "org"),
                Map.entry("LEDGER_TOKEN_AUDIENCE", "https://api.example"),
                Map.entry("LEDGER_TOKEN_KEY_ENCRYPTION_KEY", "a2V5"),
                Map.entry("LEDGER_TOKEN_KEY_ROTATION", "7d"),
                Map.entry("LEDGER_RECALCULATION_CRON", "0 0 1 * * *"),
                Map.entry("LEDGER_STORAGE_ROOT", "/srv/assets"),
                Map.entry("LEDGER_STORAGE_LAYOUT", "files/{customer}/{space}/{asset}/"),
                Map.entry("LEDGER_STORAGE_THUMBNAIL_LAYOUT", "t/{customer}/{space}/{asset}/"),
                Map.entry("LEDGER_S3_ENDPOINT", "http://minio:9000"),
                Map.entry("LEDGER_S3_REGION", "eu-west-1"),
                Map.entry("LEDGER_S3_BUCKET", "assets"),
                Map.entry("LEDGER_S3_ACCESS_KEY", "ak"),
                Map.entry("LEDGER_S3_SECRET_KEY", "sk")));

        assertThat(properties.db()).isEqualTo(new LedgerProperties.Database("jdbc:postgresql://db.example:5432/ledger", "ledger", "pw", true));
        assertThat(properties.db().external()).isTrue();
        assertThat(properties.dataDir()).isEqualTo(Path.of("/var/lib/ledger"));
        assertThat(properties.publicUrl()).isEqualTo("https://api.example");
        assertThat(properties.admin()).isEqualTo(new LedgerProperties.Admin("root", "s3cret"));
        assertThat(properties.defaultPolicy()).isEqualTo(new LedgerProperties.DefaultPolicy(5, 6));
        assertThat(properties.tokens()).isEqualTo(new TokenSettings(Duration.ofMinutes(30), Duration.ofDays(2),
                new TokenSettings.ExternalIssuer("https://idp.example", "https://idp.example/keys", "groups", "org"),
                "https://api.example", "a2V5", Duration.ofDays(7), new TokenSettings.Cloudreve("", "", null)));
        assertThat(properties.tokens().toString()).doesNotContain("a2V5");
        assertThat(properties.tokens().external().configured()).isTrue();
        assertThat(properties.storage()).isEqualTo(new LedgerProperties.Storage("/srv/assets", "files/{customer}/{space}/{asset}/",
                "t/{customer}/{space}/{asset}/", new LedgerProperties.S3("http://minio:9000", "eu-west-1", "assets", "ak", "sk")));
        assertThat(properties.recalculation().cron()).isEqualTo("0 0 1 * * *");
        // Each part is a bean of its own now, and may be printed whole: never with a secret in it.
        assertThat(properties.toString()).doesNotContain("s3cret").doesNotContain("a2V5").doesNotContain("=sk")
                .doesNotContain("=pw").contains("secret=(set)", "secretKey=(set)", "password=(set)");
    }

    @Test
    void the_connection_guards_have_their_defaults_and_their_variables() throws IOException {
        LedgerProperties defaults = bind(Map.of());
        assertThat(defaults.connections()).isEqualTo(new LedgerProperties.Connections(100, Duration.ofSeconds(10), Duration.ofSeconds(30),
                8, 256));
        assertThat(tomcat(Map.of(), "connection-timeout", Duration.class)).isEqualTo(Duration.ofSeconds(10));
        assertThat(tomcat(Map.of(), "keep-alive-timeout", Duration.class)).isEqualTo(Duration.ofSeconds(30));
        assertThat(tomcat(Map.of(), "max-keep-alive-requests", Integer.class)).isEqualTo(100);
        assertThat(tomcat(Map.of(), "max-connections", Integer.class)).isEqualTo(1024);
        assertThat(tomcat(Map.of(), "accept-count", Integer.class)).isEqualTo(2048);

        Map<String, Object> variables = Map.of("LEDGER_MAX_CONNECTIONS_PER_CLIENT", "20", "LEDGER_HEADER_TIMEOUT", "4s",
                "LEDGER_CONNECTION_TIMEOUT", "5s", "LEDGER_KEEP_ALIVE_TIMEOUT", "1m", "LEDGER_MAX_CONNECTIONS", "2000",
                "LEDGER_ACCEPT_COUNT", "500", "LEDGER_BODY_TIMEOUT", "7s", "LEDGER_MAX_BODIES_PER_CLIENT", "3", "LEDGER_MAX_BODIES", "50",
                "LEDGER_MAX_KEEP_ALIVE_REQUESTS", "40");
        assertThat(bind(variables).connections()).isEqualTo(new LedgerProperties.Connections(20, Duration.ofSeconds(4), Duration.ofSeconds(7),
                3, 50));
        assertThat(tomcat(variables, "connection-timeout", Duration.class)).isEqualTo(Duration.ofSeconds(5));
        assertThat(tomcat(variables, "keep-alive-timeout", Duration.class)).isEqualTo(Duration.ofMinutes(1));
        assertThat(tomcat(variables, "max-keep-alive-requests", Integer.class)).isEqualTo(40);
        assertThat(tomcat(variables, "max-connections", Integer.class)).isEqualTo(2000);
        assertThat(tomcat(variables, "accept-count", Integer.class)).isEqualTo(500);
    }

    @Test
    void the_authentication_throttles_have_their_defaults_and_their_variables() throws IOException {
        assertThat(bind(Map.of()).throttle()).isEqualTo(new LedgerProperties.Throttle(10, 100, 30, Duration.ofMinutes(15), 20,
                Duration.ofMinutes(5), false, List.of()));

        LedgerProperties properties = bind(Map.of("LEDGER_LOGIN_FAILURES_PER_ACCOUNT", "3", "LEDGER_LOGIN_FAILURES_PER_ACCOUNT_ALL_ADDRESSES", "12",
                "LEDGER_LOGIN_FAILURES_PER_CLIENT", "7", "LEDGER_LOGIN_WINDOW", "1h", "LEDGER_BASIC_FAILURES_PER_CLIENT", "9",
                "LEDGER_BASIC_WINDOW", "30s", "LEDGER_CLIENT_ADDRESS_FROM_FORWARDED", "true",
                "LEDGER_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7,2001:db8::/32"));
        assertThat(properties.throttle()).isEqualTo(new LedgerProperties.Throttle(3, 12, 7, Duration.ofHours(1), 9, Duration.ofSeconds(30),
                true, List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32")));
    }

    @Test
    void bodies_are_limited_to_1_MiB_and_a_batch_to_12_MiB_unless_their_variables_say_otherwise() throws IOException {
        assertThat(bind(Map.of()).bodies()).isEqualTo(new LedgerProperties.Bodies(DataSize.ofMegabytes(1), DataSize.ofMegabytes(12)));
        assertThat(bind(Map.of("LEDGER_MAX_BODY_SIZE", "64KB", "LEDGER_MAX_BATCH_BODY_SIZE", "20MB")).bodies())
                .isEqualTo(new LedgerProperties.Bodies(DataSize.ofKilobytes(64), DataSize.ofMegabytes(20)));
        assertThatThrownBy(() -> bind(Map.of("LEDGER_MAX_BODY_SIZE", "0B"))).hasStackTraceContaining("from 1 byte to 2 GB");
    }

    @Test
    void the_write_pipeline_holds_1000_writes_waits_1_s_for_room_and_2_s_for_a_lock_unless_its_variables_say_otherwise() throws IOException {
        assertThat(bind(Map.of()).writes()).isEqualTo(new LedgerProperties.Writes(1000, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThat(bind(Map.of("LEDGER_WRITE_QUEUE_CAPACITY", "50", "LEDGER_WRITE_QUEUE_WAIT", "250ms", "LEDGER_LOCK_TIMEOUT", "500ms")).writes())
                .isEqualTo(new LedgerProperties.Writes(50, Duration.ofMillis(250), Duration.ofMillis(500)));
        assertThatThrownBy(() -> bind(Map.of("LEDGER_LOCK_TIMEOUT", "0s"))).hasStackTraceContaining("the lock timeout is at least 1 ms");
    }

    @Test
    void the_limits_per_customer_have_their_defaults_and_their_variables() throws IOException {
        assertThat(bind(Map.of()).perCustomer()).isEqualTo(new LedgerProperties.PerCustomer(100, 4));
        assertThat(bind(Map.of("LEDGER_MAX_KEYS_PER_CUSTOMER", "5", "LEDGER_MAX_JOBS_PER_CUSTOMER", "1")).perCustomer())
                .isEqualTo(new LedgerProperties.PerCustomer(5, 1));
    }

    @Test
    void kafka_ingestion_is_off_by_default_and_each_of_its_variables_sets_its_property() throws IOException {
        LedgerProperties.Kafka off = bind(Map.of()).kafka();
        assertThat(off).isEqualTo(new LedgerProperties.Kafka("", "storage-ledger", "storage-ledger.records", "", 10000, 3));
        assertThat(off.configured()).isFalse();
        assertThat(off.s3Configured()).isFalse();

        LedgerProperties.Kafka on = bind(Map.of("LEDGER_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092", "LEDGER_KAFKA_GROUP", "ledger-eu",
                "LEDGER_KAFKA_RECORDS_TOPIC", "records", "LEDGER_KAFKA_S3_TOPIC", "minio-events", "LEDGER_KAFKA_MAX_POLL_RECORDS", "500",
                "LEDGER_KAFKA_CONSUMERS", "2")).kafka();
        assertThat(on).isEqualTo(new LedgerProperties.Kafka("kafka-1:9092,kafka-2:9092", "ledger-eu", "records", "minio-events", 500, 2));
        assertThat(on.configured()).isTrue();
        assertThat(on.s3Configured()).isTrue();
    }

    @Test
    void cloudreve_tokens_are_off_by_default_and_on_with_all_three_variables() throws IOException {
        TokenSettings.Cloudreve off = bind(Map.of()).tokens().cloudreve();
        assertThat(off.configured()).isFalse();
        assertThat(off.partlyConfigured()).isFalse();

        TokenSettings.Cloudreve on = bind(Map.of("LEDGER_CLOUDREVE_SECRET", "the-site-secret", "LEDGER_CLOUDREVE_HASHID_SALT",
                "the-salt", "LEDGER_CLOUDREVE_CUSTOMER", "7")).tokens().cloudreve();
        assertThat(on).isEqualTo(new TokenSettings.Cloudreve("the-site-secret", "the-salt", 7));
        assertThat(on.configured()).isTrue();
        assertThat(on.toString()).doesNotContain("the-site-secret").doesNotContain("the-salt");

        TokenSettings.Cloudreve part = bind(Map.of("LEDGER_CLOUDREVE_SECRET", "the-site-secret", "LEDGER_CLOUDREVE_CUSTOMER", "7"))
                .tokens().cloudreve();
        assertThat(part.configured()).isFalse();
        assertThat(part.partlyConfigured()).isTrue();
    }

    @Test
    void the_history_has_its_defaults_and_its_variables_and_refuses_a_step_that_does_not_divide_a_day() throws IOException {
        assertThat(bind(Map.of()).history()).isEqualTo(new LedgerProperties.History(Duration.ofHours(1), Duration.ofDays(31),
                Duration.ofDays(458)));
        assertThat(bind(Map.of("LEDGER_HISTORY_STEP", "15m", "LEDGER_HISTORY_RETENTION", "7d", "LEDGER_HISTORY_DAILY_RETENTION",
                "365d")).history()).isEqualTo(new LedgerProperties.History(Duration.ofMinutes(15), Duration.ofDays(7),
                Duration.ofDays(365)));
        assertThatThrownBy(() -> bind(Map.of("LEDGER_HISTORY_STEP", "7m"))).rootCause()
                .hasMessageContaining("LEDGER_HISTORY_STEP must be a whole number of seconds that divides a day");
        assertThatThrownBy(() -> bind(Map.of("LEDGER_HISTORY_STEP", "1500ms"))).rootCause()
                .hasMessageContaining("LEDGER_HISTORY_STEP");
        assertThatThrownBy(() -> bind(Map.of("LEDGER_HISTORY_DAILY_RETENTION", "20d"))).rootCause()
                .hasMessageContaining("LEDGER_HISTORY_DAILY_RETENTION (PT480H) must be at least LEDGER_HISTORY_RETENTION (PT744H)");
    }

    private static <T> T tomcat(Map<String, Object> variables, String setting, Class<T> type) throws IOException {
        return Binder.get(environment(variables)).bind("server.tomcat." + setting, type).get();
    }

    private static LedgerProperties bind(Map<String, Object> variables) throws IOException {
        return Binder.get(environment(variables)).bind("ledger", LedgerProperties.class).get();
    }

    private static StandardEnvironment environment(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-environment", variables));
        new PropertiesPropertySourceLoader().load("application", new ClassPathResource("application.properties"))
                .forEach(environment.getPropertySources()::addLast);
        ConfigurationPropertySources.attach(environment);
        return environment;
    }
}
