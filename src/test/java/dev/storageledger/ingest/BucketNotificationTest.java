package dev.storageledger.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storageledger.ledger.AssetRef;
import dev.storageledger.ledger.CustomerAsset;
import dev.storageledger.storage.StorageLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bucket notifications as MinIO, Ceph RGW and AWS write them, attributed by the storage layouts. */
class BucketNotificationTest {

    private static final BucketNotification.Layouts LAYOUTS = new BucketNotification.Layouts(StorageLayout.of("{customer}/{space}/{asset}/"),
            StorageLayout.of("thumbs/{customer}/{space}/{asset}/"), null);

    @Test
    void a_created_object_is_attributed_to_its_asset_with_its_decoded_key_size_and_sequencer() throws BadEvent {
        List<BucketNotification.ObjectEvent> events = parse("""
                {"EventName": "s3:ObjectCreated:CompleteMultipartUpload", "Key": "media/7/2/page-1/scan 1+2.tif",
                 "Records": [{"eventName": "s3:ObjectCreated:CompleteMultipartUpload",
                   "s3": {"bucket": {"name": "media"}, "object": {"key": "7%2F2%2Fpage-1%2Fscan+1%2B2.tif", "size": 6442450944,
                          "sequencer": "17c4d8a0f9b2e1aa"}}}]}
                """, LAYOUTS);
        assertThat(events).containsExactly(new BucketNotification.ObjectEvent("media", "7/2/page-1/scan 1+2.tif",
                new BucketObject.Place(new CustomerAsset(7, new AssetRef(2, "page-1")), false), 6_442_450_944L, "17C4D8A0F9B2E1AA"));
    }

    @Test
    void a_removal_without_the_s3_prefix_and_a_thumbnail_by_the_longer_layout() throws BadEvent {
        List<BucketNotification.ObjectEvent> events = parse("""
                {"Records": [{"eventName": "ObjectRemoved:Delete",
                   "s3": {"bucket": {"name": "media"}, "object": {"key": "thumbs/7/2/page-1/100.jpg", "sequencer": "0A"}}}]}
                """, LAYOUTS);
        assertThat(events).containsExactly(new BucketNotification.ObjectEvent("media", "thumbs/7/2/page-1/100.jpg",
                new BucketObject.Place(new CustomerAsset(7, new AssetRef(2, "page-1")), true), null, "0A"));
    }

    @Test
    void events_that_store_nothing_and_test_events_are_left_out() throws BadEvent {
        assertThat(parse("""
                {"Records": [{"eventName": "s3:ObjectAccessed:Get", "s3": {"bucket": {"name": "media"}, "object": {"key": "7/2/a/x"}}}]}
                """, LAYOUTS)).isEmpty();
        assertThat(parse("""
                {"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": "media"}
                """, LAYOUTS)).isEmpty();
    }

    @Test
    void bad_notifications_name_what_is_wrong() {
        assertReason("{not json", "not JSON");
        assertReason("{\"Records\": 5}", "Records: must be an array, not NUMBER");
        assertReason("""
                {"Records": [{"eventName": "s3:ObjectCreated:Put", "s3": {"bucket": {"name": "media"}, "object": {"key": "elsewhere/7/x", "size": 1}}}]}
                """, "Records[0].s3.object.key: 'elsewhere/7/x' is outside every storage layout");
        assertReason("""
                {"Records": [{"eventName": "s3:ObjectCreated:Put", "s3": {"bucket": {"name": "media"}, "object": {"key": "7/2/a/x", "size": -1}}}]}
                """, "Records[0].s3.object.size: must be at least 0, not -1 (negative)");
        assertReason("""
                {"Records": [{"eventName": "s3:ObjectCreated:Put", "s3": {"bucket": {"name": "media"}, "object": {"key": "7/2/a/x"}}}]}
                """, "Records[0].s3.object.size: is required for a created object");
        assertReason("""
                {"Records": [{"eventName": "s3:ObjectCreated:Put", "s3": {"bucket": {"name": "media"}, "object": {"key": "7/2/a/x", "size": 1,
                  "sequencer": "not-hex"}}}]}
                """, "Records[0].s3.object.sequencer: must be a hexadecimal string, not \"not-hex\"");
    }

    @Test
    void only_the_ledgers_bucket_is_taken_when_one_is_configured() {
        BucketNotification.Layouts oneBucket = new BucketNotification.Layouts(LAYOUTS.files(), LAYOUTS.thumbnails(), "media");
        assertThatThrownBy(() -> parse("""
                {"Records": [{"eventName": "s3:ObjectCreated:Put", "s3": {"bucket": {"name": "other"}, "object": {"key": "7/2/a/x", "size": 1}}}]}
                """, oneBucket)).isInstanceOf(BadEvent.class)
                .hasMessage("Records[0].s3.bucket.name: 'other' is not the ledger's bucket 'media'");
    }

    @Test
    void sequencers_are_compared_right_padded_with_zeros() {
        assertThat(BucketNotification.isNewer("0B", "0A")).isTrue();
        assertThat(BucketNotification.isNewer("0A", "0A")).as("the same event again").isFalse();
        assertThat(BucketNotification.isNewer("0A", "0B")).isFalse();
        assertThat(BucketNotification.isNewer("0B", "0A00")).as("0B00 after 0A00").isTrue();
        assertThat(BucketNotification.isNewer("0A", "0A01")).as("0A00 before 0A01").isFalse();
        assertThat(BucketNotification.isNewer(null, "0A")).as("no sequencer: the topic's order").isTrue();
        assertThat(BucketNotification.isNewer("01", null)).isTrue();
    }

    private static List<BucketNotification.ObjectEvent> parse(String json, BucketNotification.Layouts layouts) throws BadEvent {
        return BucketNotification.parse(json.getBytes(StandardCharsets.UTF_8), layouts);
    }

    private static void assertReason(String json, String reason) {
        assertThatThrownBy(() -> parse(json, LAYOUTS)).isInstanceOf(BadEvent.class).message().startsWith(reason);
    }
}
