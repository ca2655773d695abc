package dev.storageledger.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * The dead letters of a consumer group, kept in the database by the transaction that consumes their events and sent
 * after it commits: a broker that is slow or unreachable then holds no lock of the ledger, and a letter whose send fails
 * is not lost with the offsets that moved past its event: it stays stored and is sent again. A letter may be sent twice
 * (sent, then its row not deleted), never lost.
 */
final class DeadLetterOutbox {

    /** How long a send waits for the broker: the consumer's poll waits with it, but no lock of the ledger. */
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final IngestRepository rows;
    private final KafkaTemplate<byte[], byte[]> producer;

    DeadLetterOutbox(IngestRepository rows, KafkaTemplate<byte[], byte[]> producer) {
        this.rows = rows;
        this.producer = producer;
    }

    /** Stores the letters, in the caller's transaction: they are to be sent once it commits. */
    void keep(String group, List<Events.DeadLetter> letters) {
        rows.saveDeadLetters(group, letters);
    }

    /**
     * Sends the stored letters of the topic's partitions to {@code deadLetterTopic}, outside any transaction, waits for
     * the broker to have them all, and deletes them. Throws when one is not taken: it stays stored for the next call.
     */
    void send(String group, String topic, String deadLetterTopic, Collection<Integer> partitions) {
        List<IngestRepository.StoredDeadLetter> stored = rows.deadLetters(group, topic, partitions);
        if (stored.isEmpty()) {
            return;
        }
        List<CompletableFuture<SendResult<byte[], byte[]>>> sent = new ArrayList<>();
        for (IngestRepository.StoredDeadLetter letter : stored) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, null, letter.key(), letter.value());
            record.headers().add(TopicConsumer.ERROR_HEADER, letter.reason().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ledger-topic", topic.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ledger-partition", Integer.toString(letter.partition()).getBytes(StandardCharsets.UTF_8));
            record.headers().add("ledger-offset", Long.toString(letter.offset()).getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(record));
        }
        List<IngestRepository.StoredDeadLetter> taken = new ArrayList<>();
        KafkaException failure = null;
        for (int index = 0; index < sent.size(); index++) {
            try {
                sent.get(index).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                taken.add(stored.get(index));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new KafkaException("Interrupted while sending dead letters to " + deadLetterTopic, e);
                break;
            } catch (ExecutionException | TimeoutException e) {
                failure = new KafkaException("Dead letters could not be sent to " + deadLetterTopic, e);
            }
        }
        rows.deleteDeadLetters(group, topic, taken);
        if (failure != null) {
            throw failure;
        }
    }
}
