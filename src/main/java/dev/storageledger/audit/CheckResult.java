package dev.storageledger.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What a check of one asset measured: the bytes of its files and of its thumbnails. */
@JsonPropertyOrder({"size", "thumbnailSize"})
public record CheckResult(long size, long thumbnailSize) implements JobResult {
}
