package dev.storageledger.ingest;

/** An event that cannot be applied, and why: it goes to the dead-letter topic with that reason. */
final class BadEvent extends Exception {

    BadEvent(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
