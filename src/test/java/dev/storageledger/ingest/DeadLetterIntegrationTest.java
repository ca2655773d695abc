package dev.storageledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storageledger.support.IntegrationTest;
import dev.storageledger.support.Json;
import dev.storageledger.support.KafkaBroker;
import dev.storageledger.support.LedgerClient;
import dev.storageledger.support.Poll;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A dead-letter topic that does not answer, or refuses: the ingestion's dead letters are sent by a producer that the
 * test holds (blocked, failing, or passing through to the real broker). The events' writes never wait for it, nor do
 * the API's writes of any customer, and no dead letter is lost.
 */
@Import(DeadLetterIntegrationTest.HeldDeadLetters.class)
class DeadLetterIntegrationTest extends IntegrationTest {

    static final String RECORDS = "ledger-test-dlq.records";
    static final String GROUP = "ledger-test-dlq-" + UUID.randomUUID();

    @Autowired
    HeldTemplate deadLetters;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        KafkaBroker.topics(RECORDS);
        registry.add("ledger.kafka.bootstrap-servers", KafkaBroker::servers);
        registry.add("ledger.kafka.group", () -> GROUP);
        registry.add("ledger.kafka.records-topic", () -> RECORDS);
    }

    /** Imported, never scanned (no configuration annotation): see TestClassesAreNeverScannedTest. */
    static class HeldDeadLetters {

        @Bean
        @Primary
        HeldTemplate heldDeadLetters() {
            Map<String, Object> settings = new HashMap<>();
            settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.servers());
            settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            return new HeldTemplate(new DefaultKafkaProducerFactory<>(settings));
        }
    }

    /** The dead letters' producer, as a broker would behave: passing them on, never answering, or refusing them. */
    static final class HeldTemplate extends KafkaTemplate<byte[], byte[]> {

        enum Mode { PASS, BLOCK, FAIL }

        private volatile Mode mode = Mode.PASS;
        private volatile CompletableFuture<Void> released = new CompletableFuture<>();
        private final AtomicInteger attempts = new AtomicInteger();

        HeldTemplate(DefaultKafkaProducerFactory<byte[], byte[]> factory) {
            super(factory);
        }

        void block() {
            released = new CompletableFuture<>();
            mode = Mode.BLOCK;
        }

        void fail() {
            mode = Mode.FAIL;
        }

        /** Passes on every letter from now on, those held included. */
        void pass() {
            mode = Mode.PASS;
            released.complete(null);
        }

        int attempts() {
            return attempts.get();
        }

        @Override
        public CompletableFuture<SendResult<byte[], byte[]>> send(ProducerRecord<byte[], byte[]> record) {
            attempts.incrementAndGet();
            return switch (mode) {
                case PASS -> super.send(record);
                case BLOCK -> released.thenCompose(passed -> super.send(record));
                case FAIL -> CompletableFuture.failedFuture(new KafkaException("the dead-letter topic refuses (test)"));
            };
        }
    }

    @AfterEach
    void letDeadLettersPass() {
        deadLetters.pass();
    }

    @Test
    void a_dead_letter_topic_that_never_answers_stalls_no_api_write_of_the_customer_or_of_another() throws Exception {
        int customer = newCustomerId();
        int other = newCustomerId();
        for (int each : new int[] {customer, other}) {
            given.customer(each);
            given.space(each, 1);
        }
        deadLetters.block();
        int attemptsBefore = sendGoodAndBad(customer);
        Poll.until(() -> deadLetters.attempts() > attemptsBefore, Duration.ofSeconds(60));

        // The poll's dead letter is being sent, and its broker does not answer.
        LedgerClient admin = admin();
        CompletableFuture<Integer> ofTheCustomer = CompletableFuture.supplyAsync(
                () -> admin.put("/customers/" + customer + "/spaces/1/images/api", Json.object("size", 7)).status());
        CompletableFuture<Integer> ofAnother = CompletableFuture.supplyAsync(
                () -> admin.put("/customers/" + other + "/spaces/1/images/api", Json.object("size", 7)).status());
        assertThat(List.of(ofTheCustomer.join(), ofAnother.join())).as("the answers to a write of the customer whose poll sends a "
                + "dead letter, and to one of another customer").containsExactly(201, 201);
        assertThat(deadLetters.attempts()).as("the dead letter's send still unanswered").isEqualTo(attemptsBefore + 1);
        assertThat(asset(customer, "good")).as("the poll's good event, committed before its dead letter was sent").isEqualTo(100L);

        deadLetters.pass();
        Poll.until(() -> reasons(customer).containsKey("bad"), Duration.ofSeconds(60));
        assertThat(reasons(customer)).isEqualTo(Map.of("bad", "size: must be at least 0, not -5 (negative)"));
    }

    @Test
    void a_dead_letter_that_the_topic_refuses_after_the_commit_is_sent_again_until_it_is_taken() throws Exception {
        int customer = newCustomerId();
        given.customer(customer);
        given.space(customer, 1);
        deadLetters.fail();
        int attemptsBefore = sendGoodAndBad(customer);
        Poll.until(() -> deadLetters.attempts() >= attemptsBefore + 2, Duration.ofSeconds(60));
        assertThat(asset(customer, "good")).as("applied, while its poll's dead letter waits").isEqualTo(100L);
        assertThat(reasons(customer)).as("nothing taken by the topic yet").isEmpty();

        deadLetters.pass();
        Poll.until(() -> reasons(customer).containsKey("bad"), Duration.ofSeconds(60));
        assertThat(reasons(customer)).isEqualTo(Map.of("bad", "size: must be at least 0, not -5 (negative)"));
        // A later event of the partition is applied: the consumer goes on past the poll once its letters are sent.
        KafkaBroker.send(RECORDS, List.of(Map.entry(Integer.toString(customer), record(customer, "later", 300))));
        Poll.until(() -> asset(customer, "later") != null, Duration.ofSeconds(60));
        assertThat(asset(customer, "good")).isEqualTo(100L);
    }

    /** Sends a good event and a bad one of the customer; answers the dead letters' sends tried before. */
    private int sendGoodAndBad(int customer) {
        int attemptsBefore = deadLetters.attempts();
        String key = Integer.toString(customer);
        KafkaBroker.send(RECORDS, List.of(Map.entry(key, record(customer, "good", 100)), Map.entry(key, record(customer, "bad", -5))));
        return attemptsBefore;
    }

    private Long asset(int customer, String asset) {
        return jdbc.sql("SELECT size FROM asset WHERE customer = :customer AND space = 1 AND id = :asset").param("customer", customer)
                .param("asset", asset).query(Long.class).optional().orElse(null);
    }

    /** The dead letters of the customer's events: asset -> reason. */
    private static Map<String, String> reasons(int customer) {
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<String, String> letter : KafkaBroker.readAll(RECORDS + ".dlq")) {
            if (letter.value() == null || !letter.value().contains("\"customer\":" + customer + ",")) {
                continue;
            }
            Header error = letter.headers().lastHeader(TopicConsumer.ERROR_HEADER);
            String asset = letter.value().replaceAll(".*\"asset\":\"([^\"]*)\".*", "$1");
            reasons.put(asset, error == null ? null : new String(error.value(), StandardCharsets.UTF_8));
        }
        return reasons;
    }

    private static String record(int customer, String asset, long size) {
        return Json.object("customer", customer, "space", 1, "asset", asset, "size", size).toString();
    }
}
