package dev.storageledger.ingest;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.ledger.SpaceKey;
import dev.storageledger.ledger.write.Write;
import dev.storageledger.ledger.write.WriteOutcome;
import dev.storageledger.ledger.writer.LedgerWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The records topic: each event is one storage record, applied as the API applies a record, one after another in the
 * topic's order within one write group, whatever the limits (the bytes are stored already). A poll's events of one
 * customer are combined into as few writes as keep that order; when one of those is refused, the poll is applied
 * again with a write per event, so that only the bad events are refused. An event whose version is not newer than
 * the one applied to its asset changes nothing.
 */
final class RecordEvents implements Events {

    private final IngestRepository rows;

    RecordEvents(IngestRepository rows) {
        this.rows = rows;
    }

    private record Parsed(ConsumerRecord<byte[], byte[]> source, RecordEvent event) {
    }

    @Override
    public Result apply(List<ConsumerRecord<byte[], byte[]>> events, LedgerWriter.Transaction transaction) {
        return apply(events, true, transaction);
    }

    @Override
    public Result applyEach(List<ConsumerRecord<byte[], byte[]>> events, LedgerWriter.Transaction transaction) {
        return apply(events, false, transaction);
    }

    /**
     * An event's change goes into the write its customer's last event went into, unless that write changes its asset
     * already (a write has at most one record per asset): then into a new write after it, so that the later event for
     * an asset is applied after the earlier one, as in the topic. With {@code combine} false, each goes into its own.
     */
    private Result apply(List<ConsumerRecord<byte[], byte[]>> events, boolean combine, LedgerWriter.Transaction transaction) {
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
        List<Combined> written = new ArrayList<>();
        int[] unchanged = {0};
        List<WriteOutcome> outcomes = transaction.apply(spaces, customers, locked -> {
            Map<CustomerAsset, Long> versions = new HashMap<>(rows.versions(parsed.stream().filter(event -> event.event().version() != null)
                    .map(event -> event.event().asset()).distinct().toList()));
            Map<Integer, Combined> open = new HashMap<>();
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
                    Combined into = combine ? open.get(record.customer()) : null;
                    if (into == null || !into.assets().add(record.record().ref())) {
                        into = new Combined(record.customer(), new ArrayList<>(), new HashSet<>(Set.of(record.record().ref())));
                        open.put(record.customer(), into);
                        written.add(into);
                    }
                    into.events().add(event);
                }
            }
            return written.stream().map(Combined::write).toList();
        });
        Map<CustomerAsset, Long> applied = new HashMap<>();
        int appliedCount = 0;
        for (int index = 0; index < outcomes.size(); index++) {
            Combined write = written.get(index);
            WriteOutcome outcome = outcomes.get(index);
            if (outcome instanceof WriteOutcome.Applied) {
                appliedCount += write.events().size();
                for (Parsed event : write.events()) {
                    if (event.event().version() != null) {
                        applied.merge(event.event().asset(), event.event().version(), Math::max);
                    }
                }
            } else if (write.events().size() > 1) {
                throw new CombinedWriteRefused(Refusals.reason(outcome));
            } else {
                deadLetters.add(new DeadLetter(write.events().getFirst().source(), Refusals.reason(outcome)));
            }
        }
        rows.saveVersions(applied);
        return new Result(appliedCount, unchanged[0], deadLetters);
    }

    /** The events of one customer made one write, and the assets they name. */
    private record Combined(int customer, List<Parsed> events, Set<AssetRef> assets) {

        Write write() {
            return Write.measured(customer, events.stream().map(event -> event.event().record()).toList());
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> source) {
        return source.key() == null ? null : new String(source.key(), StandardCharsets.UTF_8);
    }
}
