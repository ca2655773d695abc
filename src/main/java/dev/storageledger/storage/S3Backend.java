package dev.storageledger.storage;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Iterator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * Objects in an S3-compatible bucket. Listings go page by page (1,000 keys a page, in the bucket's key order), so
 * memory stays flat however many objects there are.
 */
public final class S3Backend implements StorageBackend, AutoCloseable {

    private final S3Client s3;
    private final String bucket;

    /**
     * @param endpoint  blank for AWS itself; otherwise the URL of an S3-compatible server (path-style addressing)
     * @param accessKey blank: the SDK's default credentials (environment, profile, instance role)
     */
    public S3Backend(String endpoint, String region, String bucket, String accessKey, String secretKey) {
        this.bucket = requireNonNull(bucket, "bucket is null");
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(accessKey == null || accessKey.isBlank() ? DefaultCredentialsProvider.builder().build()
                        : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        this.s3 = builder.build();
    }

    @Override
    public long bytesUnder(String prefix) {
        long bytes = 0;
        for (Iterator<StoredObject> objects = list(prefix); objects.hasNext(); ) {
            bytes += objects.next().size();
        }
        return bytes;
    }

    @Override
    public Listing list(String prefix) {
        return Listing.of(s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents().stream()
                .map(object -> new StoredObject(object.key().substring(prefix.length()), object.size()))
                .iterator());
    }

    @Override
    public void close() {
        s3.close();
    }
}
