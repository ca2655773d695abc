package dev.storageledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.AssetSize;
import dev.storageledger.ledger.StorageRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The records topic's events: storage records with their customer, checked field by field. */
class RecordEventTest {

    @Test
    void a_record_and_a_removal_with_their_versions() throws BadEvent {
        assertThat(parse("7", """
                {"customer": 7, "space": 1, "asset": "a", "size": 10, "thumbnailSize": 2, "owner": "alice", "version": 3}
                """)).isEqualTo(new RecordEvent(7, StorageRecord.stored(new AssetRef(1, "a"), new AssetSize(10, 2), "alice"), 3L));
        assertThat(parse(null, """
                {"customer": 7, "space": 1, "asset": "a", "size": 10}
                """)).isEqualTo(new RecordEvent(7, StorageRecord.stored(new AssetRef(1, "a"), new AssetSize(10, 0), null), null));
        assertThat(parse("7", """
                {"customer": 7, "space": 1, "asset": "a", "deleted": true, "version": 4}
                """)).isEqualTo(new RecordEvent(7, StorageRecord.deleted(new AssetRef(1, "a")), 4L));
    }

    @Test
    void bad_events_name_what_is_wrong() {
        assertReason("7", "[1, 2]", "not a JSON object");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": -1}", "size: must be at least 0, not -1 (negative)");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\"}", "size: is required");
        assertReason("7", "{\"customer\": 0, \"space\": 1, \"asset\": \"a\", \"size\": 1}", "customer: must be at least 1, not 0");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a/b\", \"size\": 1}", "asset: \"a/b\" is not a valid id");
        assertReason("8", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": 1}", "the key '8' is not the event's customer 7");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": 1, \"colour\": \"red\"}", "colour: is not a field");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"deleted\": true, \"size\": 1}", "size: a removal");
        assertReason("7", "{\"customer\": 7, \"customer\": 8, \"space\": 1, \"asset\": \"a\", \"size\": 1}", "not JSON");
    }

    @Test
    void nulls_repeats_and_odd_types_are_taken_or_refused_as_the_tree_reading_does() {
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"deleted\": true, \"size\": null}", "size: a removal");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": 1, \"owner\": null, \"owner\": \"x\"}", "not JSON");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": 1.0}", "size: must be an integer");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": 99999999999999999999}", "size: must be an integer");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": 1} {}", "not JSON");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": 1, \"thumbnailSize\": -2}", "thumbnailSize: must be at least 0");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": \"1\"}", "size: must be an integer");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": 1, \"deleted\": \"no\"}", "deleted: must be true or false");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": 1, \"owner\": \"\"}", "owner: \"\" is not a valid id");
        assertReason("7", "{\"customer\": 7, \"space\": 1, \"asset\": \"" + "a".repeat(201) + "\", \"size\": 1}", "asset: ");
    }

    @Test
    void the_one_pass_reading_and_the_tree_reading_agree() throws BadEvent {
        for (String json : new String[] {
                "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": 10, \"thumbnailSize\": 2, \"owner\": \"alice\", \"version\": 3}",
                "{\"version\": -5, \"size\": 0, \"asset\": \"A.b_c~d-9\", \"space\": 0, \"customer\": 2147483647, \"deleted\": false}",
                "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"size\": 9223372036854775807, \"thumbnailSize\": null, \"owner\": null}",
                "{\"customer\": 7, \"space\": 1, \"asset\": \"a\", \"deleted\": true, \"version\": null}"}) {
            byte[] value = json.getBytes(StandardCharsets.UTF_8);
            RecordEvent event = RecordEvent.parse(null, value);
            assertThat(event).isEqualTo(RecordEvent.parseTree(null, value));
            String key = Integer.toString(event.customer());
            assertThat(RecordEvent.parse(key, value)).isEqualTo(RecordEvent.parseTree(key, value)).isEqualTo(event);
        }
    }

    private static RecordEvent parse(String key, String json) throws BadEvent {
        return RecordEvent.parse(key, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertReason(String key, String json, String reason) {
        assertThatThrownBy(() -> parse(key, json)).isInstanceOf(BadEvent.class).message().startsWith(reason);
    }
}
