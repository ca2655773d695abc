package dev.storageledger.support;

import static dev.storageledger.support.Json.object;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writers that record and delete assets while the database comes and goes under the service (the outage run of
 * DatabaseOutageTest and of bench/outage). Each writer has assets of its own in one customer's space, and sends one
 * request at a time: a new asset recorded, and every fourth request the deletion of the asset it recorded two
 * requests before. For each asset it keeps every state that its answers allow (a size, or absent): a 2xx makes the
 * request's state the only one, a 503 that says nothing was applied changes nothing, a 503 that says the write may
 * have been applied adds its state. Afterwards {@link #violations} compares that with the rows PostgreSQL holds.
 */
public final class OutageWriters implements AutoCloseable {

    /** The longest any answer may take, database down or not. */
    public static final Duration FAST = Duration.ofSeconds(3);
    private static final long ABSENT = -1;

    /** What a writer asked and was answered, and when. */
    public record Answer(String method, String asset, int status, String detail, String retryAfter, Duration took, Instant at) {

        public boolean applied() {
            return status / 100 == 2;
        }

        public boolean uncertain() {
            return status == 503 && detail.contains("may have been applied");
        }
    }

    private final LedgerClient admin;
    private final List<Writer> writers = new ArrayList<>();
    private final List<Integer> customers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;
    private final List<Future<?>> started = new ArrayList<>();

    /**
     * Starts {@code count} writers over {@code customers} (each with spaces 0 and 1, made by the caller): writer i
     * writes into customer i mod n, space i / n mod 2.
     */
    public OutageWriters(LedgerClient admin, List<Integer> customers, int count) {
        this.admin = admin;
        this.customers = List.copyOf(customers);
        for (int index = 0; index < count; index++) {
            writers.add(new Writer(index, customers.get(index % customers.size()), index / customers.size() % 2));
        }
        this.threads = Executors.newFixedThreadPool(count, Thread.ofPlatform().daemon(true).name("outage-writer-", 0).factory());
        for (Writer writer : writers) {
            started.add(threads.submit(writer::run));
        }
    }

    /** Whether every writer has had at least {@code count} writes applied since {@code instant}. */
    public boolean eachAppliedSince(Instant instant, int count) {
        return writers.stream().allMatch(writer -> writer.answersSince(instant).stream().filter(Answer::applied).count() >= count);
    }

    /** Whether every writer has been answered at least {@code count} times since {@code instant}. */
    public boolean eachAnsweredSince(Instant instant, int count) {
        return writers.stream().allMatch(writer -> writer.answersSince(instant).size() >= count);
    }

    /** Stops the writers after their current request; fails when one of them failed. */
    public void stop() throws InterruptedException, ExecutionException {
        running.set(false);
        for (Future<?> writer : started) {
            writer.get();
        }
    }

    public List<Answer> answers() {
        return writers.stream().flatMap(writer -> writer.answersSince(Instant.MIN).stream()).toList();
    }

    /**
     * Everything that is wrong, read against the rows of {@code sql} (the service's database, after {@link #stop}): an
     * answer slower than {@link #FAST}, one that is neither 2xx, 404 (a deletion of what is absent) nor 503 with
     * Retry-After saying what became of the write, an asset whose row is none of the states its writer's answers
     * allow, totals of a customer or a space other than the SUM and COUNT of its records.
     */
    public List<String> violations(JdbcClient sql) {
        return violations(sql, FAST);
    }

    /** {@link #violations(JdbcClient)}, with {@code slowest} as the longest an answer may take. */
    public List<String> violations(JdbcClient sql, Duration slowest) {
        List<String> violations = new ArrayList<>();
        for (Answer answer : answers()) {
            if (answer.took().compareTo(slowest) >= 0) {
                violations.add("answered in " + answer.took().toMillis() + " ms: " + answer);
            }
            if (!answer.applied() && answer.status() != 404 && answer.status() != 503) {
                violations.add("unexpected status: " + answer);
            }
            if (answer.status() == 503 && (answer.retryAfter() == null
                    || !(answer.detail().contains("nothing was applied") || answer.uncertain()))) {
                violations.add("a 503 without Retry-After, or that says neither 'nothing was applied' nor 'may have been applied': " + answer);
            }
        }
        for (Writer writer : writers) {
            violations.addAll(writer.violations);
            writer.possible.forEach((asset, states) -> {
                long stored = sql.sql("SELECT size FROM asset WHERE customer = :customer AND space = :space AND id = :id")
                        .param("customer", writer.customer).param("space", writer.space).param("id", asset)
                        .query(Long.class).optional().orElse(ABSENT);
                if (!states.contains(stored)) {
                    violations.add("writer " + writer.index + "'s asset " + asset + " is " + (stored == ABSENT ? "absent" : stored + " bytes")
                            + ", which its answers do not allow (" + states + ", -1 for absent)");
                }
            });
        }
        for (int customer : customers) {
            if (!sql.sql("""
                            SELECT bool_and(s.number_of_stored_images = coalesce(a.n, 0)
                                        AND s.total_size_of_stored_images = coalesce(a.size, 0)
                                        AND s.total_size_of_thumbnails = coalesce(a.thumbnails, 0))
                                   AND (SELECT c.number_of_stored_images = count(asset.id)
                                               AND c.total_size_of_stored_images = coalesce(sum(asset.size), 0)
                                               AND c.total_size_of_thumbnails = coalesce(sum(asset.thumbnail_size), 0)
                                        FROM customer c LEFT JOIN asset ON asset.customer = c.id WHERE c.id = :customer
                                        GROUP BY c.id)
                            FROM space s
                            LEFT JOIN (SELECT space, count(*) AS n, sum(size) AS size, sum(thumbnail_size) AS thumbnails
                                       FROM asset WHERE customer = :customer GROUP BY space) a ON a.space = s.id
                            WHERE s.customer = :customer
                            """).param("customer", customer).query(Boolean.class).single()) {
                violations.add("the totals of customer " + customer + " or of its spaces are not the SUM/COUNT of its records");
            }
        }
        return violations;
    }

    /** One line of figures: answers, 2xx, 503 (and how many said "may have been applied"), time p50, p99, max. */
    public String summary() {
        List<Answer> answers = answers();
        List<Long> times = answers.stream().map(answer -> answer.took().toMillis()).sorted().toList();
        return String.format("%d answers: %d 2xx, %d 503 (%d of them 'may have been applied'), %d 404; time p50 %d ms, p99 %d ms, max %d ms",
                answers.size(), answers.stream().filter(Answer::applied).count(), answers.stream().filter(answer -> answer.status() == 503).count(),
                answers.stream().filter(Answer::uncertain).count(), answers.stream().filter(answer -> answer.status() == 404).count(),
                percentile(times, 50), percentile(times, 99), times.isEmpty() ? 0 : times.getLast());
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }

    @Override
    public void close() {
        running.set(false);
        threads.shutdownNow();
    }

    private final class Writer {

        final int index;
        final int customer;
        final int space;
        final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        /** Each asset's states that the answers allow; read by others only after the writer has stopped. */
        final Map<String, Set<Long>> possible = new HashMap<>();
        final List<String> violations = new ArrayList<>();

        Writer(int index, int customer, int space) {
            this.index = index;
            this.customer = customer;
            this.space = space;
        }

        void run() {
            for (int n = 0; running.get(); n++) {
                boolean deletion = n % 4 == 3;
                String asset = "w" + index + "-" + (deletion ? n - 2 : n);
                long size = deletion ? ABSENT : 1_000L * index + n + 1;
                String path = "/customers/" + customer + "/spaces/" + space + "/images/" + asset;
                Instant start = Instant.now();
                LedgerClient.Response response;
                try {
                    response = deletion ? admin.delete(path) : admin.put(path, object("size", size, "thumbnailSize", n % 7));
                } catch (UncheckedIOException e) {
                    throw new AssertionError("writer " + index + ": " + asset + " was not answered", e);
                }
                Answer answer = new Answer(deletion ? "DELETE" : "PUT", asset, response.status(),
                        response.status() >= 400 ? response.json().path("detail").asString("") : "", response.header("Retry-After"),
                        Duration.between(start, Instant.now()), start);
                answers.add(answer);
                Set<Long> states = possible.computeIfAbsent(asset, unknown -> new HashSet<>(Set.of(ABSENT)));
                if (answer.applied()) {
                    states.clear();
                    states.add(size);
                } else if (answer.status() == 404) {
                    if (!states.contains(ABSENT)) {
                        violations.add("a deletion answered 404 although the asset was stored: " + answer);
                    }
                    states.retainAll(Set.of(ABSENT));
                } else if (answer.uncertain()) {
                    states.add(size);
                }
            }
        }

        List<Answer> answersSince(Instant instant) {
            synchronized (answers) {
                return answers.stream().filter(answer -> !answer.at().isBefore(instant)).toList();
            }
        }
    }

    /** The writers' customers: each with spaces 0 and 1, made by {@code given}. */
    public static void makeCustomers(Given given, List<Integer> customers) {
        for (int customer : customers) {
            given.customer(customer);
            Stream.of(0, 1).forEach(space -> given.space(customer, space));
        }
    }
}
