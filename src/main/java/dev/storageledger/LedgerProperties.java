package dev.storageledger;

import static java.util.Objects.requireNonNull;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the service. application.properties maps each documented environment variable
 * (LEDGER_DB_URL, LEDGER_DATA_DIR, ...) onto one of these properties. No class but {@link SettingsConfiguration}
 * receives the whole: each is given its part (ArchitectureTest keeps it so).
 *
 * @param db            an external PostgreSQL; when its URL is blank the embedded one is started
 * @param dataDir       the embedded database's folder, kept across restarts
 * @param publicUrl     the base of every "@id"; blank means "from the request"
 * @param admin         the administrator's HTTP Basic credentials
 * @param defaultPolicy the values of the "default" storage policy
 * @param tokens        how long users' tokens live, and whose tokens are taken ({@link TokenSettings})
 * @param storage       where the platform really keeps assets' files, for checks and reconciliations
 * @param recalculation when every total is recalculated on its own
 * @param connections   what one client address may hold open, and how long a request's head may take
 * @param throttle      how many failed logins and HTTP Basic authentications are allowed before a lockout
 * @param perCustomer   how many keys and background jobs one customer may have
 * @param history       the step of the history of every total, and how long its points are kept
 * @param quota         when a limit is nearing and critical, and the window of its forecast
 * @param webhooks      where webhooks may be sent, how they are retried, and when packs' expiry is announced
 * @param kafka         the Kafka topics whose events the ledger ingests (off unless its servers are set)
 * @param readCache     how many figures, keys and sessions each instance keeps in memory for reads
 * @param bodies        the largest request body the service reads, and the largest batch of storage records
 * @param writes        how many writes may wait for the writer, how long one waits for room, and how long a write
 *                      transaction waits for a row lock
 */
@Validated
@ConfigurationProperties(prefix = "ledger")
public record LedgerProperties(
        @Valid @NotNull Database db,
        @NotNull Path dataDir,
        String publicUrl,
        @Valid @NotNull Admin admin,
        @Valid @NotNull DefaultPolicy defaultPolicy,
        @Valid @NotNull TokenSettings tokens,
        @Valid @NotNull Storage storage,
        @Valid @NotNull Recalculation recalculation,
        @Valid @NotNull Connections connections,
        @Valid @NotNull Throttle throttle,
        @Valid @NotNull PerCustomer perCustomer,
        @Valid @NotNull History history,
        @Valid @NotNull Quota quota,
        @Valid @NotNull Webhooks webhooks,
        @Valid @NotNull Kafka kafka,
        @Valid @NotNull ReadCache readCache,
        @Valid @NotNull Bodies bodies,
        @Valid @NotNull Writes writes) {

    /**
     * @param embeddedAllowRoot whether the embedded PostgreSQL may run as root when the service does
     *                          (LEDGER_EMBEDDED_DB_ALLOW_ROOT, false: the service refuses to start it so)
     */
    public record Database(String url, String user, String password, boolean embeddedAllowRoot) {
        public boolean external() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=" + setOrUnset(password) + ", embeddedAllowRoot=" + embeddedAllowRoot + "]";
        }
    }

    /** A blank secret means: generate one at first start, print it once, keep only its hash. */
    public record Admin(@NotBlank String key, String secret) {
        public boolean secretConfigured() {
            return secret != null && !secret.isBlank();
        }

        @Override
        public String toString() {
            return "Admin[key=" + key + ", secret=" + setOrUnset(secret) + "]";
        }
    }

    /**
     * The real storage: a filesystem root (LEDGER_STORAGE_ROOT) or an S3-compatible bucket (LEDGER_S3_...),
     * with the layouts of assets' files and of their thumbnails (LEDGER_STORAGE_LAYOUT, LEDGER_STORAGE_THUMBNAIL_LAYOUT).
     * Neither set: none configured.
     */
    public record Storage(String root, @NotBlank String layout, @NotBlank String thumbnailLayout, @Valid @NotNull S3 s3) {
        public boolean filesystem() {
            return root != null && !root.isBlank();
        }
    }

    /** An S3-compatible bucket: blank endpoint for AWS itself. */
    public record S3(String endpoint, @NotBlank String region, String bucket, String accessKey, String secretKey) {
        public boolean configured() {
            return bucket != null && !bucket.isBlank();
        }

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey=" + accessKey
                    + ", secretKey=" + setOrUnset(secretKey) + "]";
        }
    }

    /** The nightly recalculation's schedule (LEDGER_RECALCULATION_CRON, a Spring cron expression in UTC). */
    public record Recalculation(@NotBlank String cron) {
    }

    public record DefaultPolicy(@Min(0) long maximumNumberOfStoredImages, @Min(0) long maximumTotalSizeOfStoredImages) {
    }

    /**
     * The HTTP connector's guards against slow and greedy clients: at most {@code maxPerClient} open connections per
     * client address (LEDGER_MAX_CONNECTIONS_PER_CLIENT, default 100; a connection over it is closed as soon as it is
     * accepted), and at most {@code headerTimeout} (LEDGER_HEADER_TIMEOUT, 10s) from a request's first byte to the end
     * of its head (request line and headers), however slowly the bytes come. A request's body that did not come with
     * its head must arrive within {@code bodyTimeout} (LEDGER_BODY_TIMEOUT, 30s) of the head; at most
     * {@code maxBodiesPerClient} such bodies of one client address (LEDGER_MAX_BODIES_PER_CLIENT, 8) and
     * {@code maxBodies} in all (LEDGER_MAX_BODIES, 256) arrive at once, a request over either answered 429 or 503.
     */
    public record Connections(@Min(1) int maxPerClient, @NotNull Duration headerTimeout, @NotNull Duration bodyTimeout,
            @Min(1) int maxBodiesPerClient, @Min(1) int maxBodies) {
    }

    /**
     * Lockouts after failed authentications, kept in each instance's memory. A Cloudreve login is refused once, within
     * {@code loginWindow} (LEDGER_LOGIN_WINDOW, 15m), its email failed {@code loginFailuresPerAccount} times from its
     * address (LEDGER_LOGIN_FAILURES_PER_ACCOUNT, 10) or {@code loginFailuresPerAccountAllAddresses} times from all
     * (LEDGER_LOGIN_FAILURES_PER_ACCOUNT_ALL_ADDRESSES, 100), or its address failed {@code loginFailuresPerClient} times
     * (LEDGER_LOGIN_FAILURES_PER_CLIENT, 30), until the oldest failure is that old; the right password too. HTTP Basic:
     * {@code basicFailuresPerClient} failures from one address (LEDGER_BASIC_FAILURES_PER_CLIENT, 20) within
     * {@code basicWindow} (LEDGER_BASIC_WINDOW, 5m). The address is the connection's, or behind {@code trustedProxies}
     * (LEDGER_TRUSTED_PROXIES, addresses and CIDR ranges) the one they name in X-Forwarded-For; without them,
     * {@code clientAddressFromForwarded} (LEDGER_CLIENT_ADDRESS_FROM_FORWARDED, false) believes the one its peer appended.
     */
    public record Throttle(@Min(1) int loginFailuresPerAccount, @Min(1) int loginFailuresPerAccountAllAddresses,
            @Min(1) int loginFailuresPerClient, @NotNull Duration loginWindow, @Min(1) int basicFailuresPerClient,
            @NotNull Duration basicWindow, boolean clientAddressFromForwarded, @NotNull List<String> trustedProxies) {
        public Throttle {
            trustedProxies = List.copyOf(trustedProxies);
        }
    }

    /**
     * What one customer may have at once: {@code maxKeys} keys (LEDGER_MAX_KEYS_PER_CUSTOMER, 100), and
     * {@code maxJobs} recalculations and reconciliations queued or running (LEDGER_MAX_JOBS_PER_CUSTOMER, 4).
     */
    public record PerCustomer(@Min(1) int maxKeys, @Min(1) int maxJobs) {
    }

    /**
     * The history of every total: its points are at the boundaries of {@code step} (LEDGER_HISTORY_STEP, 1h), counted
     * from midnight UTC, a whole number of seconds that divides a day, so that every midnight is a point. Points are
     * kept for {@code retention} (LEDGER_HISTORY_RETENTION, 31d), and those at midnight for {@code dailyRetention}
     * (LEDGER_HISTORY_DAILY_RETENTION, 458d: 15 months).
     */
    public record History(@NotNull Duration step, @NotNull Duration retention, @NotNull Duration dailyRetention) {
        public History {
            if (step != null && (step.toSeconds() < 1 || step.toNanos() % 1_000_000_000L != 0
                    || Duration.ofDays(1).toSeconds() % step.toSeconds() != 0)) {
                throw new IllegalArgumentException("LEDGER_HISTORY_STEP must be a whole number of seconds that divides a"
                        + " day (such as 1m, 15m, 1h or 1d), not " + step);
            }
            if (step != null && retention != null && retention.compareTo(step) < 0) {
                throw new IllegalArgumentException("LEDGER_HISTORY_RETENTION (" + retention + ") must be at least the step ("
                        + step + ")");
            }
            if (retention != null && dailyRetention != null && dailyRetention.compareTo(retention) < 0) {
                throw new IllegalArgumentException("LEDGER_HISTORY_DAILY_RETENTION (" + dailyRetention
                        + ") must be at least LEDGER_HISTORY_RETENTION (" + retention + ")");
            }
        }
    }

    /**
     * A limit is nearing at {@code nearing} of it taken (LEDGER_QUOTA_NEARING, 0.90) and critical at {@code critical}
     * (LEDGER_QUOTA_CRITICAL, 0.99); its forecast follows the growth of the last {@code forecastWindow}
     * (LEDGER_FORECAST_WINDOW, 7d).
     */
    public record Quota(double nearing, double critical, @NotNull Duration forecastWindow) {
        public Quota {
            if (!(nearing > 0 && nearing <= critical && critical <= 1)) {
                throw new IllegalArgumentException("LEDGER_QUOTA_NEARING (" + nearing + ") and LEDGER_QUOTA_CRITICAL ("
                        + critical + ") must be fractions with 0 < nearing <= critical <= 1");
            }
            if (forecastWindow != null && forecastWindow.toSeconds() < 1) {
                throw new IllegalArgumentException("LEDGER_FORECAST_WINDOW must be at least a second, not " + forecastWindow);
            }
        }
    }

    /**
     * Webhooks: whether they may go to loopback, private and link-local addresses ({@code allowPrivate},
     * LEDGER_WEBHOOK_ALLOW_PRIVATE, false), how many subscriptions one customer may have ({@code maxPerCustomer},
     * LEDGER_MAX_WEBHOOKS_PER_CUSTOMER, 25), how long an attempt may take ({@code timeout}, LEDGER_WEBHOOK_TIMEOUT, 10s),
     * the first retry's delay ({@code firstRetry}, LEDGER_WEBHOOK_FIRST_RETRY, 5s; the later ones grow from it), how long
     * an event is retried ({@code retryFor}, LEDGER_WEBHOOK_RETRY_FOR, 3d), how long events and their deliveries are
     * kept ({@code retention}, LEDGER_WEBHOOK_RETENTION, 30d), how often each instance looks for deliveries due
     * ({@code pollInterval}, LEDGER_WEBHOOK_POLL_INTERVAL, 1s), how long before a pack expires it is announced
     * ({@code packExpiryNotice}, LEDGER_PACK_EXPIRY_NOTICE, 7d) and how often packs are scanned for it
     * ({@code packScanInterval}, LEDGER_PACK_SCAN_INTERVAL, 1m).
     */
    public record Webhooks(boolean allowPrivate, @Min(1) int maxPerCustomer, @NotNull Duration timeout, @NotNull Duration firstRetry,
            @NotNull Duration retryFor, @NotNull Duration retention, @NotNull Duration pollInterval,
            @NotNull Duration packExpiryNotice, @NotNull Duration packScanInterval) {
        public Webhooks {
            for (Duration duration : new Duration[] {timeout, firstRetry, retryFor, retention, pollInterval, packScanInterval}) {
                if (duration != null && (duration.isNegative() || duration.isZero())) {
                    throw new IllegalArgumentException("The webhook settings' durations must be positive, not " + duration);
                }
            }
            if (packExpiryNotice != null && packExpiryNotice.isNegative()) {
                throw new IllegalArgumentException("LEDGER_PACK_EXPIRY_NOTICE must not be negative, not " + packExpiryNotice);
            }
        }
    }

    /**
     * Event ingestion from Kafka, on while {@code bootstrapServers} is set (LEDGER_KAFKA_BOOTSTRAP_SERVERS): the
     * consumer group ({@code group}, LEDGER_KAFKA_GROUP, storage-ledger), the topic of storage records
     * ({@code recordsTopic}, LEDGER_KAFKA_RECORDS_TOPIC, storage-ledger.records), the topic of bucket notifications
     * ({@code s3Topic}, LEDGER_KAFKA_S3_TOPIC; unset: not read), and the most events that one poll, and so one
     * transaction, takes ({@code maxPollRecords}, LEDGER_KAFKA_MAX_POLL_RECORDS, 10000: as many as a batch of the API),
     * and the consumers of each topic in this instance ({@code consumers}, LEDGER_KAFKA_CONSUMERS, 3), each with its
     * share of the partitions and its own transactions.
     */
    public record Kafka(String bootstrapServers, @NotBlank String group, @NotBlank String recordsTopic, String s3Topic,
            @Min(1) int maxPollRecords, @Min(1) int consumers) {
        public boolean configured() {
            return bootstrapServers != null && !bootstrapServers.isBlank();
        }

        public boolean s3Configured() {
            return s3Topic != null && !s3Topic.isBlank();
        }
    }

    /**
     * What each instance keeps in memory for reads ({@code entries}, LEDGER_READ_CACHE_ENTRIES, 100000; 0 keeps
     * nothing): the stored figures of customers, spaces and assets recently read, verified keys, users' sessions.
     */
    public record ReadCache(@Min(0) int entries) {
        public boolean on() {
            return entries > 0;
        }
    }

    /**
     * The largest request body read ({@code maxSize}, LEDGER_MAX_BODY_SIZE, 1MB), and that of a batch of storage
     * records ({@code maxBatchSize}, LEDGER_MAX_BATCH_BODY_SIZE, 12MB: the largest valid batch of 10,000 records,
     * every id and owner at its longest, is about 8 MB). A body over its limit is refused with 413 before it is parsed.
     */
    public record Bodies(@NotNull DataSize maxSize, @NotNull DataSize maxBatchSize) {
        public Bodies {
            requireNonNull(maxSize, "maxSize is null");
            requireNonNull(maxBatchSize, "maxBatchSize is null");
            if (maxSize.toBytes() < 1 || maxBatchSize.toBytes() < 1 || maxSize.toBytes() > Integer.MAX_VALUE - 8
                    || maxBatchSize.toBytes() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a body's limit is from 1 byte to 2 GB");
            }
        }
    }

    /**
     * The write pipeline's bounds: the most writes waiting for the writer thread ({@code queueCapacity},
     * LEDGER_WRITE_QUEUE_CAPACITY, 1000), how long a write waits for room in a full queue before it is answered 503, not
     * applied ({@code queueWait}, LEDGER_WRITE_QUEUE_WAIT, 1s), and how long a write transaction (the API's, a batch's,
     * a Kafka poll's) waits for a row lock before it is answered 503, not applied ({@code lockTimeout},
     * LEDGER_LOCK_TIMEOUT, 2s: below the statements' 3 s timeout, so that a lock held too long is named as such).
     */
    public record Writes(@Min(1) int queueCapacity, @NotNull Duration queueWait, @NotNull Duration lockTimeout) {
        public Writes {
            requireNonNull(queueWait, "queueWait is null");
            requireNonNull(lockTimeout, "lockTimeout is null");
            if (queueWait.isNegative()) {
                throw new IllegalArgumentException("the wait for room in the write queue is not negative");
            }
            if (lockTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("the lock timeout is at least 1 ms (0 would wait without end)");
            }
        }
    }

    /** What toString shows of a secret, since settings may be logged: whether it is set, never its value. */
    private static String setOrUnset(String secret) {
        return secret == null || secret.isBlank() ? "(unset)" : "(set)";
    }
}
