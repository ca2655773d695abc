package dev.storageledger;

/** The LEDGER_PUBLIC_URL setting as it is set: the base of every "@id", blank when it is taken from each request. */
public record PublicUrlSetting(String value) {
}
