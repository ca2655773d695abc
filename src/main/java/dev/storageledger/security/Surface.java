package dev.storageledger.security;

/** The parts of the API that authenticate their callers each in their own way, and answer a refusal each in their own way. */
public enum Surface {

    /** Cloudreve's /api/v4: bearer access tokens; a refusal keeps HTTP 200 and Cloudreve's envelope. */
    CLOUDREVE,

    /** Cocoon's /api/v1: bearer access tokens; a refusal is a problem answer. */
    COCOON,

    /** Everything else (DLCS, administration, operations): HTTP Basic keys; a refusal is a problem answer. */
    KEYS
}
