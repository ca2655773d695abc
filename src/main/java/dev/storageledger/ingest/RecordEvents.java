package dev.storageledger.ingest;

import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import dev.storageledger.ledger.writer.GroupingWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The records topic: each event is one storage record, applied as the API applies a record, one after another in the
 * topic's order within one write group, whatever the limits (the bytes are stored already). An event whose version is
 * not newer than the one applied to its asset changes nothing.
 */
final class RecordEvents implements Events {

    private final GroupingWriter writer;
    private final IngestRepository rows;

    RecordEvents(GroupingWriter writer, IngestRepository rows) {
        this.writer = writer;
        this.rows = rows;
    }

    private record Parsed(ConsumerRecord<byte[], byte[]> source, RecordEvent event) {
    }

    @Override
    public Result apply(List<ConsumerRecord<byte[], byte[]>> events) {
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> source : events) {
            try {
                parsed.add(new Parsed(source, RecordEvent.parse(key(source), source.value())));
            } catch (BadEvent bad) {
                deadLetters.add(new DeadLetter(source, bad.reason()));
            }
        }
        SortedSet<SpaceKey> spaces = new TreeSet<>();
        SortedSet<Integer> customers = new TreeSet<>();
        for (Parsed event : parsed) {
            spaces.add(event.event().space());
            customers.add(event.event().customer());
        }
        List<Parsed> written = new ArrayList<>();
        int[] unchanged = {0};
        List<WriteOutcome> outcomes = writer.applyInOpenTransaction(spaces, customers, locked -> {
            Map<CustomerAsset, Long> versions = new HashMap<>(rows.versions(parsed.stream().filter(event -> event.event().version() != null)
                    .map(event -> event.event().asset()).distinct().toList()));
            List<Write> writes = new ArrayList<>();
            for (Parsed event : parsed) {
                RecordEvent record = event.event();
                if (!locked.customers().contains(record.customer())) {
                    deadLetters.add(new DeadLetter(event.source(), "unknown customer " + record.customer()));
                } else if (!locked.spaces().contains(record.space())) {
                    deadLetters.add(new DeadLetter(event.source(), "unknown space " + record.space().space() + " of customer " + record.customer()));
                } else if (record.version() != null && versions.containsKey(record.asset()) && record.version() <= versions.get(record.asset())) {
                    unchanged[0]++;
                } else {
                    if (record.version() != null) {
                        versions.put(record.asset(), record.version());
                    }
                    written.add(event);
                    writes.add(Write.measured(record.customer(), List.of(record.record())));
                }
            }
            return writes;
        });
        Map<CustomerAsset, Long> applied = new HashMap<>();
        int appliedCount = 0;
        for (int index = 0; index < outcomes.size(); index++) {
            RecordEvent event = written.get(index).event();
            if (outcomes.get(index) instanceof WriteOutcome.Applied) {
                appliedCount++;
                if (event.version() != null) {
                    applied.merge(event.asset(), event.version(), Math::max);
                }
            } else {
                deadLetters.add(new DeadLetter(written.get(index).source(), Refusals.reason(outcomes.get(index))));
            }
        }
        rows.saveVersions(applied);
        return new Result(appliedCount, unchanged[0], deadLetters);
    }

    private static String key(ConsumerRecord<byte[], byte[]> source) {
        return source.key() == null ? null : new String(source.key(), StandardCharsets.UTF_8);
    }
}
