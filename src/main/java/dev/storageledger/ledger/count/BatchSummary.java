package dev.storageledger.ledger.count;

/** What a batch of storage records did. Records that changed nothing count in none of the three. */
public record BatchSummary(int created, int updated, int deleted) {
}
