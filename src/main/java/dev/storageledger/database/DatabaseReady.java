package dev.storageledger.database;

/**
 * Published once the ledger's schema is migrated, before the service is ready: the start-up work that needs the
 * database (writing the default policy, the administrator's generated secret, the tokens' signing key) listens to it.
 * It is published at start when the database answers, else as soon as it does. A listener that fails has it
 * published again a second later, so each listener is idempotent; the service is ready once every listener has
 * succeeded.
 */
public record DatabaseReady() {
}
